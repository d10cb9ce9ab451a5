package dev.llamakit.safety.fasttext;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns raw text into the whitespace-separated tokens the fastText models are trained and queried on: NFKC,
 * lower case, a few HTML entities decoded, URLs / @mentions / numbers replaced by placeholder tokens, words split
 * from punctuation, runs of the same punctuation collapsed. The same function is used at training and inference.
 */
public final class TextFeatures {
  private static final Pattern URL = Pattern.compile("(https?://|www\\.)\\S+");
  private static final Pattern MENTION = Pattern.compile("@\\w+");
  private static final Pattern ENTITY_NUM = Pattern.compile("&#\\d+;");

  private TextFeatures() {}

  /** The normalized token string (single spaces, no leading/trailing space). */
  public static String normalize(String raw) {
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    s = s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    s = ENTITY_NUM.matcher(s).replaceAll(" ");
    s = URL.matcher(s).replaceAll(" __url__ ");
    s = MENTION.matcher(s).replaceAll(" __user__ ");
    s = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length() + 16);
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '_') {
        int start = i;
        boolean digits = true;
        while (i < n) {
          int c = s.codePointAt(i);
          boolean inner = c == '\'' && i + 1 < n && Character.isLetter(s.codePointAt(i + 1));
          if (!(Character.isLetterOrDigit(c) || c == '_' || inner)) break;
          if (!Character.isDigit(c)) digits = false;
          i += Character.charCount(c);
        }
        if (!out.isEmpty()) out.append(' ');
        if (digits && i - start > 2) out.append("__num__");
        else out.append(s, start, i);
      } else if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
        i += len;
      } else {
        int start = i;
        i += len;
        while (i < n && s.codePointAt(i) == cp) i += len;  // "!!!!" -> "!"
        if (!out.isEmpty()) out.append(' ');
        out.append(s, start, start + len);
      }
    }
    return out.toString();
  }

  /**
   * Splits a normalized text into windows of at most {@code maxTokens} tokens overlapping by {@code overlap}
   * tokens (one window when the text is short). Used to score long documents as the max over windows.
   */
  public static List<String> windows(String normalized, int maxTokens, int overlap) {
    String[] toks = normalized.isEmpty() ? new String[0] : normalized.split(" ");
    List<String> out = new ArrayList<>();
    if (toks.length <= maxTokens) {
      out.add(normalized);
      return out;
    }
    int step = Math.max(1, maxTokens - overlap);
    for (int start = 0; start < toks.length; start += step) {
      int end = Math.min(toks.length, start + maxTokens);
      out.add(String.join(" ", java.util.Arrays.copyOfRange(toks, start, end)));
      if (end == toks.length) break;
    }
    return out;
  }

  /**
   * Splits a normalized text into sentences (ending at a {@code .}, {@code !} or {@code ?} token), each further cut
   * into windows of at most {@code maxTokens}, then packs consecutive sentences into segments of at most
   * {@code packTokens} tokens; texts of at most {@code maxTokens} tokens are one segment. fastText averages its inputs, so scoring
   * sentence by sentence keeps one harmful sentence from being diluted by the rest of a long text.
   */
  public static List<String> sentences(String normalized, int maxTokens, int packTokens) {
    List<String> out = new ArrayList<>();
    if (normalized.isEmpty()) {
      out.add(normalized);
      return out;
    }
    String[] toks = normalized.split(" ");
    if (toks.length <= maxTokens) {
      out.add(normalized);
      return out;
    }
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < toks.length; i++) {
      boolean end = toks[i].equals(".") || toks[i].equals("!") || toks[i].equals("?") || i == toks.length - 1;
      if (end || i - start + 1 >= maxTokens) {
        spans.add(new int[] {start, i + 1});
        start = i + 1;
      }
    }
    // Pack consecutive sentences into segments of at most packTokens tokens.
    int from = spans.getFirst()[0], to = spans.getFirst()[1];
    for (int k = 1; k < spans.size(); k++) {
      int[] sp = spans.get(k);
      if (sp[1] - from <= packTokens) {
        to = sp[1];
      } else {
        out.add(String.join(" ", java.util.Arrays.copyOfRange(toks, from, to)));
        from = sp[0];
        to = sp[1];
      }
    }
    out.add(String.join(" ", java.util.Arrays.copyOfRange(toks, from, to)));
    return out;
  }
}
