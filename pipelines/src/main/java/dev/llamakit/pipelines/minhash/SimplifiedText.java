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
 * <p>Accents are removed character by character (each code point's canonical decomposition, cached), which is NFD
 * without its reordering of combining marks — marks that are deleted anyway. One difference from datatrove: words are then split on spaces, not by a language's word tokenizer (datatrove
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
  public static String simplify(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c < 128) { // the common case, one table lookup
        byte kind = ASCII[c];
        if (kind == DIGIT) {
          i = endOfNumber(s, i);
          out.append('0');
          continue;
        }
        if (kind == LETTER) {
          out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        } else {
          endWord(out);
        }
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      if (kind(cp) == DIGIT) {
        i = endOfNumber(s, i);
        out.append('0');
        continue;
      }
      i += Character.charCount(cp);
      String d = decomposition(cp);
      if (d == null) {
        append(out, cp);
      } else {
        for (int k = 0; k < d.length(); ) {
          int dc = d.codePointAt(k);
          k += Character.charCount(dc);
          append(out, dc);
        }
      }
    }
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) == ' ') {
      out.setLength(len - 1);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, int cp) {
    switch (kind(cp)) {
      case LETTER -> out.appendCodePoint(Character.toLowerCase(cp));
      case DIGIT -> out.append('0'); // a digit inside a decomposition (none in Unicode 16, kept for safety)
      case BOUNDARY -> endWord(out);
      default -> { } // SKIP: a mark or format character, deleted inside the word
    }
  }

  /** Per BMP character: its NFD decomposition, {@link #SAME} when it has none, null when not looked up yet. */
  private static final String[] NFD = new String[65536];
  private static final String SAME = new String("");

  /**
   * The canonical decomposition of one code point, or null when it has none. Decomposing character by character is
   * NFD without the canonical reordering of combining marks, which are deleted here anyway.
   */
  private static String decomposition(int cp) {
    if (cp >= 65536) {
      String d = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
      return d.length() == Character.charCount(cp) && d.codePointAt(0) == cp ? null : d;
    }
    String d = NFD[cp]; // a benign race: Strings are immutable, two threads compute the same value
    if (d == null) {
      String c = Character.toString(cp);
      String nfd = Normalizer.normalize(c, Normalizer.Form.NFD);
      d = nfd.equals(c) ? SAME : nfd;
      NFD[cp] = d;
    }
    return d == SAME ? null : d;
  }

  private static final byte BOUNDARY = 0;
  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte SKIP = 3;

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

  private static void endWord(StringBuilder out) {
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) != ' ') {
      out.append(' ');
    }
  }
}
