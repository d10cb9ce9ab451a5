package dev.llamakit.pipelines.text;

import dev.llamakit.pipelines.io.Resources;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * cc_net's {@code text_normalizer.normalize(line)} with its default arguments: the text cc_net gives SentencePiece
 * before the KenLM perplexity score.
 *
 * <p>Steps, in cc_net's order: Python {@code strip()} (empty result: {@code ""}) → full lower-casing → NFD and every
 * code point of category Mn dropped (accents) → every code point of category Nd becomes {@code "0"} → cc_net's
 * 34-entry {@code UNICODE_PUNCT} table (resource {@code cc_net_unicode_punct.tsv}: {@code “”„«»} → {@code "},
 * {@code —} → {@code " - "}, {@code …} → {@code "..."}, …) → code points 0–31 and 127–159 deleted, so line breaks and
 * tabs vanish without a space. Works on code points; NFD is applied to each run of non-ASCII characters and the last
 * four steps are one pass.
 *
 * <p>Not to be confused with {@link CcNetNormalizer}, cc_net's dedup form (no accent stripping, punctuation deleted).
 * Stateless and thread-safe.
 */
public final class PerplexityNormalizer {
  private static final String TABLE = "cc_net_unicode_punct.tsv";

  /** Replacement of each table character, by code point. */
  private static final Map<Integer, String> PUNCT = loadTable();

  /** Smallest table key; {@link #REPLACE}{@code [cp - FIRST]} is the replacement of {@code cp} or null. */
  private static final int FIRST = PUNCT.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();

  private static final String[] REPLACE = new String[PUNCT.keySet().stream().mapToInt(Integer::intValue).max()
      .orElseThrow() - FIRST + 1];

  /** {@link #REPLACE} as UTF-8. */
  private static final byte[][] REPLACE_UTF8 = new byte[REPLACE.length][];

  /** Per ASCII character of an already lower-cased text: the byte it becomes, or -1 when it is deleted. */
  private static final byte[] ASCII_MAP = new byte[128];

  /** As {@link #ASCII_MAP}, lower-casing too (for a text that is pure ASCII, not lower-cased yet). */
  private static final byte[] ASCII_LOWER_MAP = new byte[128];

  static {
    PUNCT.forEach((cp, replacement) -> REPLACE[cp - FIRST] = replacement);
    for (int k = 0; k < REPLACE.length; k++) {
      REPLACE_UTF8[k] = REPLACE[k] == null ? null : REPLACE[k].getBytes(StandardCharsets.UTF_8);
    }
    for (int c = 0; c < 128; c++) {
      String r = replacement(c);
      byte b = r == null ? (byte) c : r.isEmpty() ? -1 : (byte) r.charAt(0);
      ASCII_MAP[c] = b;
      ASCII_LOWER_MAP[c] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
  }

  private PerplexityNormalizer() {}

  /** The normalised text: cc_net's {@code normalize(line)} (accent, case, numbers, punct=1). */
  public static String normalize(String text) {
    String s = PyText.strip(text);
    if (s.isEmpty()) {
      return "";
    }
    s = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        appendMapped(out, c);
        i++;
        continue;
      }
      // NFD of a run between ASCII characters: ASCII characters are starters without decomposition, so NFD
      // (decomposition, then reordering of non-starters between starters) never crosses them.
      int j = i + 1;
      while (j < s.length() && s.charAt(j) >= 0x80) {
        j++;
      }
      String run = Normalizer.normalize(s.substring(i, j), Normalizer.Form.NFD);
      for (int k = 0; k < run.length(); ) {
        int cp = run.codePointAt(k);
        appendMapped(out, cp);
        k += Character.charCount(cp);
      }
      i = j;
    }
    return out.toString();
  }

  /**
   * {@link #normalize(String)} encoded as UTF-8, as {@code normalize(text).getBytes(UTF_8)} would give it (an unpaired
   * surrogate becomes {@code '?'}), without the intermediate string: a pure-ASCII text is mapped in one pass.
   */
  public static byte[] normalizeToUtf8(String text) {
    String s = PyText.strip(text);
    int len = s.length();
    if (len == 0) {
      return new byte[0];
    }
    boolean ascii = true;
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      // lower-casing an ASCII text is per character; no NFD, Mn, Nd or table step touches ASCII
      byte[] out = new byte[len];
      int n = 0;
      for (int i = 0; i < len; i++) {
        byte b = ASCII_LOWER_MAP[s.charAt(i)];
        if (b >= 0) {
          out[n++] = b;
        }
      }
      return n == len ? out : Arrays.copyOf(out, n);
    }
    s = s.toLowerCase(Locale.ROOT);
    len = s.length();
    byte[] out = new byte[len + (len >> 1) + 16];
    int n = 0;
    for (int i = 0; i < len; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte b = ASCII_MAP[c];
        if (b >= 0) {
          if (n == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          out[n++] = b;
        }
        i++;
        continue;
      }
      int j = i + 1;
      while (j < len && s.charAt(j) >= 0x80) {
        j++;
      }
      String run = Normalizer.normalize(s.substring(i, j), Normalizer.Form.NFD);
      for (int k = 0; k < run.length(); ) {
        int cp = run.codePointAt(k);
        k += Character.charCount(cp);
        if (out.length - n < 16) {
          out = Arrays.copyOf(out, out.length * 2 + 16);
        }
        if (cp < 0x80) {
          byte b = ASCII_MAP[cp];
          if (b >= 0) {
            out[n++] = b;
          }
          continue;
        }
        byte[] r = replacementUtf8(cp);
        if (r == null) {
          n = putUtf8(out, n, cp);
        } else {
          if (out.length - n < r.length) {
            out = Arrays.copyOf(out, out.length * 2 + r.length);
          }
          System.arraycopy(r, 0, out, n, r.length);
          n += r.length;
        }
      }
      i = j;
    }
    return Arrays.copyOf(out, n);
  }

  /** {@link #replacement} of a non-ASCII code point, as UTF-8. */
  private static byte[] replacementUtf8(int cp) {
    if (cp < 0xA0) {
      return EMPTY;
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK) {
      return EMPTY;
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return ZERO;
    }
    int k = cp - FIRST;
    return k >= 0 && k < REPLACE_UTF8.length ? REPLACE_UTF8[k] : null;
  }

  private static final byte[] EMPTY = {};
  private static final byte[] ZERO = {'0'};

  /** Writes {@code cp} (not ASCII) as UTF-8; an unpaired surrogate as {@code '?'}, as {@link String#getBytes} does. */
  private static int putUtf8(byte[] out, int n, int cp) {
    if (cp < 0x800) {
      out[n] = (byte) (0xC0 | (cp >> 6));
      out[n + 1] = (byte) (0x80 | (cp & 0x3F));
      return n + 2;
    }
    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
      out[n] = '?';
      return n + 1;
    }
    if (cp < 0x10000) {
      out[n] = (byte) (0xE0 | (cp >> 12));
      out[n + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[n + 2] = (byte) (0x80 | (cp & 0x3F));
      return n + 3;
    }
    out[n] = (byte) (0xF0 | (cp >> 18));
    out[n + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
    out[n + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
    out[n + 3] = (byte) (0x80 | (cp & 0x3F));
    return n + 4;
  }

  private static void appendMapped(StringBuilder out, int cp) {
    String replacement = replacement(cp);
    if (replacement == null) {
      out.appendCodePoint(cp);
    } else {
      out.append(replacement);
    }
  }

  /** What {@code cp} becomes after the Mn, Nd, punctuation and control steps, or null when it stays itself. */
  private static String replacement(int cp) {
    if (cp < 0x80) {
      if (cp < 0x20 || cp == 0x7F) {
        return "";
      }
      return cp >= '0' && cp <= '9' && cp != '0' ? "0" : null;
    }
    if (cp < 0xA0) {
      return "";
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK) {
      return "";
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return "0";
    }
    int k = cp - FIRST;
    return k >= 0 && k < REPLACE.length ? REPLACE[k] : null;
  }

  /** Reads the table: per line the character and its replacement as hexadecimal code points, then a comment. */
  private static Map<Integer, String> loadTable() {
    Map<Integer, String> table = new HashMap<>();
    for (String line : Resources.text(PerplexityNormalizer.class, TABLE).lines().toList()) {
      int hash = line.indexOf('#');
      String body = (hash < 0 ? line : line.substring(0, hash)).strip();
      if (body.isEmpty()) {
        continue;
      }
      String[] cols = body.split("\t");
      if (cols.length != 2) {
        throw new IllegalStateException(TABLE + ": expected 2 tab-separated columns: " + line);
      }
      StringBuilder replacement = new StringBuilder();
      for (String hex : cols[1].strip().split(" +")) {
        replacement.appendCodePoint(Integer.parseInt(hex, 16));
      }
      table.put(Integer.parseInt(cols[0].strip(), 16), replacement.toString());
    }
    return Map.copyOf(table);
  }

  /** The table as loaded (character → replacement), for tests and documentation. */
  static Map<Integer, String> table() {
    return PUNCT;
  }
}
