package dev.llamakit.pipelines.minhash;

import java.text.Normalizer;

/**
 * The text MinHash shingles are cut from: datatrove's {@code simplify_text} with its defaults, written from its
 * description (reference spec §1.4) as one pass over code points.
 *
 * <ol>
 *   <li>lower case (per code point, {@link Character#toLowerCase(int)});
 *   <li>every number — a run of decimal digits (Unicode Nd), with {@code .} or {@code ,} between digits allowed, so
 *       {@code 3.14} and {@code 1,000,000} are one number — becomes {@code 0};
 *   <li>punctuation and symbols (Unicode P* and S*), separators (Z*) and control characters (Cc) end a word;
 *   <li>accents go: the text is NFD-decomposed and non-spacing marks (Mn) are deleted, as are format characters
 *       (Cf, e.g. the soft hyphen and zero-width joiner) — so neither splits a word;
 *   <li>words are separated by one space, none at either end.
 * </ol>
 *
 * <p>One difference from datatrove: words are then split on spaces, not by a language's word tokenizer (datatrove
 * uses one per language, which matters for languages written without spaces). Stateless and thread-safe.
 */
public final class SimplifiedText {
  /** Per ASCII character: 0 = word boundary, 1 = letter (kept, lower-cased), 2 = digit. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = Character.isLetter(c) ? (byte) 1 : Character.isDigit(c) ? (byte) 2 : (byte) 0;
    }
    ASCII['_'] = 0; // connector punctuation
  }

  private SimplifiedText() {}

  /** The simplified text: lower-case words of letters (and {@code 0} for numbers) separated by single spaces. */
  public static String simplify(String text) {
    String s = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int kind = kind(cp);
      if (kind == DIGIT) {
        i = endOfNumber(s, i);
        appendWordChar(out, '0');
        continue;
      }
      i += Character.charCount(cp);
      switch (kind) {
        case LETTER -> appendWordChar(out, Character.toLowerCase(cp));
        case BOUNDARY -> endWord(out);
        default -> { } // SKIP: a mark or format character, deleted inside the word
      }
    }
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) == ' ') {
      out.setLength(len - 1);
    }
    return out.toString();
  }

  private static final int BOUNDARY = 0;
  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  private static final int SKIP = 3;

  private static int kind(int cp) {
    if (cp < 128) {
      return ASCII[cp];
    }
    return switch (Character.getType(cp)) {
      case Character.DECIMAL_DIGIT_NUMBER -> DIGIT;
      case Character.NON_SPACING_MARK, Character.FORMAT -> SKIP;
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.CONTROL -> BOUNDARY;
      default -> LETTER; // letters, other numbers, spacing marks, private use, unassigned
    };
  }

  /** The index after the number starting at {@code i}: digits, with single {@code .} or {@code ,} between digits. */
  private static int endOfNumber(String s, int i) {
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      if (kind(cp) == DIGIT) {
        i += Character.charCount(cp);
      } else if ((cp == '.' || cp == ',') && i + 1 < n && kind(s.codePointAt(i + 1)) == DIGIT) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static void appendWordChar(StringBuilder out, int cp) {
    out.appendCodePoint(cp);
  }

  private static void endWord(StringBuilder out) {
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) != ' ') {
      out.append(' ');
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
