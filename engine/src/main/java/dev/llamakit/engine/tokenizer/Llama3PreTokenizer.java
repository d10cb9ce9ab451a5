package dev.llamakit.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the words that Llama 3's BPE merges within, with the Llama 3 pre-tokenizer regex.
 *
 * <p>The regex is llama.cpp's {@code LLAMA_VOCAB_PRE_TYPE_LLAMA3} expression with {@code \s} spelled out as the
 * Unicode White_Space set that llama.cpp's tables use (Java's own {@code \s} is ASCII-only). Characters no
 * alternative matches (none in practice) become one-character words, as in llama.cpp's splitter.
 */
final class Llama3PreTokenizer {
  private static final String WS =
      "\\t\\n\\x0B\\f\\r\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
  private static final String S = "[" + WS + "]";
  private static final String NOT_S = "[^" + WS + "]";

  /** The compiled pattern, shared by all instances (compiled once). */
  static final Pattern PATTERN = Pattern.compile(
      "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
          + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
          + "|\\p{N}{1,3}"
          + "| ?[^" + WS + "\\p{L}\\p{N}]+[\\r\\n]*"
          + "|" + S + "*[\\r\\n]+"
          + "|" + S + "+(?!" + NOT_S + ")"
          + "|" + S + "+");

  private Llama3PreTokenizer() {}

  static List<String> split(String text) {
    return split(text, 0, text.length());
  }

  /** Splits {@code text[start, end)} as if it were the whole input (the regex does not look past the range). */
  static List<String> split(String text, int start, int end) {
    List<String> words = new ArrayList<>();
    Matcher m = PATTERN.matcher(text).region(start, end);
    int last = start;
    while (m.find()) {
      addGap(text, last, m.start(), words);
      words.add(text.substring(m.start(), m.end()));
      last = m.end();
    }
    addGap(text, last, end, words);
    return words;
  }

  private static void addGap(String text, int from, int to, List<String> words) {
    for (int i = from; i < to; ) {
      int c = Character.charCount(text.codePointAt(i));
      words.add(text.substring(i, i + c));
      i += c;
    }
  }
}
