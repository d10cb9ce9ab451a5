package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * Inside a JSON string (after its opening quote): escapes ({@code \" \\ \/ \b \f \n \r \t \\uXXXX}, no lone
 * surrogate escapes), raw UTF-8 checked byte by byte (no overlong forms, no surrogates, nothing above U+10FFFF), no
 * control characters, and the length in code points within {@code [min, max]} as JSON Schema counts it.
 *
 * @param count code points read so far (capped at {@code min} when there is no upper bound, so equal states compare
 *     equal)
 * @param mode 0 plain, 1 after a backslash, 2..5 reading hex digit 1..4 of a {@code \\u} escape, 6 hex digit 2 after
 *     a first digit {@code d}
 * @param need UTF-8 continuation bytes still expected
 * @param lo the smallest allowed value of the next continuation byte
 * @param hi the largest
 */
record StringFrame(int min, int max, int count, int mode, int need, int lo, int hi) implements Frame {
  static StringFrame opened(int min, int max) {
    return new StringFrame(min, max, 0, 0, 0, 0x80, 0xBF);
  }

  private StringFrame with(int newCount, int newMode, int newNeed, int newLo, int newHi) {
    int c = max == Integer.MAX_VALUE ? Math.min(newCount, min) : newCount;
    return new StringFrame(min, max, c, newMode, newNeed, newLo, newHi);
  }

  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    if (need > 0) {
      if (b >= lo && b <= hi) {
        out.add(stack.replace(with(count, 0, need - 1, 0x80, 0xBF)));
      }
      return;
    }
    switch (mode) {
      case 0 -> plain(b, stack, out);
      case 1 -> {
        if (b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't') {
          out.add(stack.replace(with(count + 1, 0, 0, 0x80, 0xBF)));
        } else if (b == 'u') {
          out.add(stack.replace(with(count, 2, 0, 0x80, 0xBF)));
        }
      }
      case 2 -> {
        if (b == 'd' || b == 'D') {
          out.add(stack.replace(with(count, 6, 0, 0x80, 0xBF)));
        } else if (isHex(b)) {
          out.add(stack.replace(with(count, 3, 0, 0x80, 0xBF)));
        }
      }
      case 6 -> {
        if (b >= '0' && b <= '7') {   // \\uD800-\\uDFFF would be half a surrogate pair
          out.add(stack.replace(with(count, 4, 0, 0x80, 0xBF)));
        }
      }
      case 3, 4 -> {
        if (isHex(b)) {
          out.add(stack.replace(with(count, mode + 1, 0, 0x80, 0xBF)));
        }
      }
      case 5 -> {
        if (isHex(b)) {
          out.add(stack.replace(with(count + 1, 0, 0, 0x80, 0xBF)));
        }
      }
      default -> throw new IllegalStateException("mode " + mode);
    }
  }

  private void plain(int b, Stack stack, List<Stack> out) {
    if (b == '"') {
      if (count >= min) {
        out.add(stack.pop());
      }
      return;
    }
    if (count >= max || b < 0x20) {
      return;
    }
    if (b == '\\') {
      out.add(stack.replace(with(count, 1, 0, 0x80, 0xBF)));
    } else if (b < 0x80) {
      out.add(stack.replace(with(count + 1, 0, 0, 0x80, 0xBF)));
    } else if (b >= 0xC2 && b <= 0xDF) {
      out.add(stack.replace(with(count + 1, 0, 1, 0x80, 0xBF)));
    } else if (b >= 0xE0 && b <= 0xEF) {
      out.add(stack.replace(with(count + 1, 0, 2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF)));
    } else if (b >= 0xF0 && b <= 0xF4) {
      out.add(stack.replace(with(count + 1, 0, 3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF)));
    }
  }

  private static boolean isHex(int b) {
    return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
  }
}
