package dev.llamakit.pipelines.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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

  static {
    PUNCT.forEach((cp, replacement) -> REPLACE[cp - FIRST] = replacement);
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
    try (InputStream in = PerplexityNormalizer.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + TABLE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TABLE, e);
    }
    return Map.copyOf(table);
  }

  /** The table as loaded (character → replacement), for tests and documentation. */
  static Map<Integer, String> table() {
    return PUNCT;
  }
}
