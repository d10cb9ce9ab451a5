package dev.llamakit.pipelines.sentencepiece;

import java.util.Arrays;

/**
 * SentencePiece's normaliser ({@code normalizer.cc}) on UTF-8 bytes: at each position the longest precompiled-charsmap
 * rule is applied (user-defined symbols are matched first and copied unchanged), extra whitespace is removed, a dummy
 * space is added in front (or at the end with {@code treat_whitespace_as_suffix}) and spaces become {@code ▁}.
 *
 * <p>With {@code remove_extra_whitespaces}: leading rule outputs that are exactly one space are skipped, a space at the
 * start of a rule output is dropped when the output so far ends with one, and trailing {@code ▁} (or spaces) are cut.
 * The input is valid UTF-8 (it comes from a Java string), so SentencePiece's U+FFFD substitution for malformed bytes
 * never applies. Thread-safe.
 */
final class TextNormalizer {
  private static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81}; // U+2581

  private final CharsMap charsMap; // null: identity
  private final ByteTrie userDefined; // null: none
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean whitespaceAsSuffix;
  /** True when an input space is always a one-character rule: no user-defined symbol or charsmap rule starts with it. */
  private final boolean plainSpace;

  TextNormalizer(CharsMap charsMap, ByteTrie userDefined, ModelFile.Normalization spec, boolean whitespaceAsSuffix) {
    this.charsMap = charsMap;
    this.userDefined = userDefined == null || userDefined.isEmpty() ? null : userDefined;
    this.addDummyPrefix = spec.addDummyPrefix();
    this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
    this.escapeWhitespaces = spec.escapeWhitespaces();
    this.whitespaceAsSuffix = whitespaceAsSuffix;
    this.plainSpace = this.userDefined == null && (charsMap == null || !charsMap.mayMatch((byte) ' '));
  }

  /** The normalised UTF-8 text: {@code out.bytes[0, out.length)}. */
  record Output(byte[] bytes, int length) {}

  /** A rule application at one position: the replacement {@code src[from, to)} for {@code consumed} input bytes. */
  private static final class Prefix {
    byte[] src;
    int from;
    int to;
    int consumed;

    boolean isSingleSpace() {
      return to - from == 1 && src[from] == ' ';
    }
  }

  /** Normalises {@code in[0, length)}. */
  Output normalize(byte[] in, int length) {
    return normalize(in, length, null);
  }

  /**
   * Normalises {@code in[0, length)}, writing into {@code buffer} when it is large enough (the output's array is then
   * {@code buffer}; otherwise a new array).
   */
  Output normalize(byte[] in, int length, byte[] buffer) {
    Prefix p = new Prefix();
    int pos = 0;
    if (removeExtraWhitespaces) {
      while (pos < length) {
        prefix(in, pos, length, p);
        if (!p.isSingleSpace()) {
          break;
        }
        pos += p.consumed;
      }
    }
    if (pos >= length) {
      return new Output(new byte[0], 0);
    }
    int capacity = Math.max(16, (length - pos) * 3 + 6);
    byte[] out = buffer != null && buffer.length >= capacity ? buffer : new byte[capacity];
    int n = 0;
    if (!whitespaceAsSuffix && addDummyPrefix) {
      n = appendSpace(out, n);
    }
    boolean prevSpace = removeExtraWhitespaces;
    while (pos < length) {
      byte lead = in[pos];
      if (lead > ' ' && userDefined == null
          && (charsMap == null || !charsMap.mayMatch(lead) || charsMap.asciiUnmapped(in, pos, length))) {
        if (n + 3 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = lead; // fast path: printable ASCII no rule touches
        prevSpace = false;
        pos++;
        continue;
      }
      if (lead == ' ' && plainSpace) {
        // fast path: the one-character rule " ": dropped after a space (remove_extra_whitespaces), else escaped
        if (!prevSpace) {
          if (n + 3 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          n = appendSpace(out, n);
          prevSpace = removeExtraWhitespaces;
        }
        pos++;
        continue;
      }
      prefix(in, pos, length, p);
      int from = p.from;
      if (prevSpace) {
        while (from < p.to && p.src[from] == ' ') {
          from++;
        }
      }
      if (from < p.to) {
        if (n + (p.to - from) * 3 + 3 > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, n + (p.to - from) * 3 + 3));
        }
        for (int i = from; i < p.to; i++) {
          byte b = p.src[i];
          if (b == ' ') {
            n = appendSpace(out, n);
          } else {
            out[n++] = b;
          }
        }
        prevSpace = p.src[p.to - 1] == ' ';
      }
      pos += p.consumed;
      if (!removeExtraWhitespaces) {
        prevSpace = false;
      }
    }
    if (removeExtraWhitespaces) {
      n = trimTrailingSpaces(out, n);
    }
    if (whitespaceAsSuffix && addDummyPrefix) {
      if (n + 3 > out.length) {
        out = Arrays.copyOf(out, n + 3);
      }
      n = appendSpace(out, n);
    }
    return new Output(out, n);
  }

  /** Fills {@code p} with the rule at {@code in[pos]}: a user-defined symbol, a charsmap rule, or one character. */
  private void prefix(byte[] in, int pos, int end, Prefix p) {
    if (userDefined != null) {
      int len = userDefined.longestPrefix(in, pos, end);
      if (len > 0) {
        set(p, in, pos, pos + len, len);
        return;
      }
    }
    if (charsMap != null) {
      long match = charsMap.longestMatch(in, pos, end);
      if (match >= 0) {
        int offset = (int) match;
        set(p, charsMap.replacements(), offset, charsMap.replacementEnd(offset), (int) (match >>> 32));
        return;
      }
    }
    int len = Utf8.charLength(in, pos, end);
    set(p, in, pos, pos + len, len);
  }

  private static void set(Prefix p, byte[] src, int from, int to, int consumed) {
    p.src = src;
    p.from = from;
    p.to = to;
    p.consumed = consumed;
  }

  private int appendSpace(byte[] out, int n) {
    if (escapeWhitespaces) {
      out[n] = SPACE_SYMBOL[0];
      out[n + 1] = SPACE_SYMBOL[1];
      out[n + 2] = SPACE_SYMBOL[2];
      return n + 3;
    }
    out[n] = ' ';
    return n + 1;
  }

  private int trimTrailingSpaces(byte[] out, int n) {
    if (escapeWhitespaces) {
      while (n >= 3 && out[n - 3] == SPACE_SYMBOL[0] && out[n - 2] == SPACE_SYMBOL[1] && out[n - 1] == SPACE_SYMBOL[2]) {
        n -= 3;
      }
    } else {
      while (n >= 1 && out[n - 1] == ' ') {
        n--;
      }
    }
    return n;
  }
}
