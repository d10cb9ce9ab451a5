package dev.llamakit.pipelines.kenlm;

import java.util.ArrayList;
import java.util.List;

/**
 * How KenLM's {@code Model.score} splits a line into words: on ASCII whitespace only (space, tab, LF, VT, FF, CR),
 * never on other Unicode spaces.
 */
public final class KenLmWords {
  private KenLmWords() {}

  /** Whether KenLM treats this UTF-8 byte (or char) as a word separator. */
  public static boolean isSeparator(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** The words of {@code line}, as KenLM scores them (without {@code <s>}/{@code </s>}). */
  public static List<String> split(CharSequence line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSeparator(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSeparator(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.subSequence(start, i).toString());
      }
    }
    return out;
  }
}
