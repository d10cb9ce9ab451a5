package dev.llamakit.pipelines.docdedup;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deterministic test books: word salad from a fixed vocabulary, and copies with words changed at random places. */
final class GeneratedBooks {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final String[] VOCABULARY = vocabulary(5_000);

  private GeneratedBooks() {}

  /** A book of {@code words} words in sentences and paragraphs, the same for the same seed. */
  static String book(long seed, int words) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(words * 7);
    for (int i = 0, inSentence = 0; i < words; i++, inSentence++) {
      // Zipf-like: small ranks (common words) far more often than rare ones
      int rank = (int) Math.floor(Math.pow(VOCABULARY.length, rnd.nextDouble())) - 1;
      sb.append(VOCABULARY[rank]);
      if (inSentence > 8 && rnd.nextInt(8) == 0) {
        sb.append(rnd.nextInt(6) == 0 ? ".\n\n" : ". ");
        inSentence = 0;
      } else {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  /** The text with each word replaced, with probability {@code rate}, by a word found nowhere else. */
  static String edit(String text, double rate, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Matcher m = WORD.matcher(text);
    StringBuilder sb = new StringBuilder(text.length() + 64);
    int edits = 0;
    while (m.find()) {
      m.appendReplacement(sb, rnd.nextDouble() < rate ? "qedit" + edits++ : "$0");
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String[] vocabulary(int n) {
    SplittableRandom rnd = new SplittableRandom(99);
    String[] v = new String[n];
    String letters = "etaoinshrdlcumwfgypbvkjxqz";
    for (int i = 0; i < n; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + rnd.nextInt(8);
      for (int j = 0; j < len; j++) {
        w.append(letters.charAt((int) (Math.pow(rnd.nextDouble(), 2) * letters.length())));
      }
      v[i] = w.append(i).toString();
    }
    return v;
  }
}
