package dev.llamakit.engine.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Counts sentences in one line the way NLTK's punkt tokenizer ({@code english.pickle}, used by tfds
 * {@code c4_utils._get_sentences}) splits them, without punkt's trained tables.
 *
 * <p>Punkt's candidates, restated: in each whitespace-separated token, the right-most {@code .?!} that is followed
 * by one of {@code ?!)";}]*:@'({[} or by whitespace and another token. A candidate ending in {@code ?} or {@code !}
 * is a break. One ending in {@code .} is a break unless the word before it is an abbreviation (bundled list), an
 * ellipsis, an initial ({@code J.}) or a number, in which case punkt's orthographic heuristics decide from the next
 * word: after an abbreviation or ellipsis, a capitalised common word (bundled list) starts a sentence; after an
 * initial, a lower-case word continues and a capitalised common word starts one; after a number, only a lower-case
 * word continues. A break whose remainder is only closing quotes and brackets makes no sentence (punkt's boundary
 * realignment). The trained tables are replaced by two word lists, so a rare abbreviation can count differently.
 */
public final class PunktSentences implements java.io.Serializable {
  private static volatile PunktSentences english;
  private static final String AFTER_TOKEN = "?!)\";}]*:@'({[";
  private static final String CLOSERS = "\"')]}";

  private final Set<String> abbreviations;
  private final Set<String> commonWords;

  /** A counter with the given abbreviations and common words (lower case, abbreviations without their period). */
  public PunktSentences(Set<String> abbreviations, Set<String> commonWords) {
    this.abbreviations = Set.copyOf(abbreviations);
    this.commonWords = Set.copyOf(commonWords);
  }

  /** The counter with the bundled English lists ({@code punkt-abbreviations.txt}, {@code punkt-common-words.txt}). */
  public static PunktSentences english() {
    PunktSentences p = english;
    if (p == null) {
      p = new PunktSentences(words("punkt-abbreviations.txt"), words("punkt-common-words.txt"));
      english = p;
    }
    return p;
  }

  private static Set<String> words(String resource) {
    try (InputStream in = PunktSentences.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " beside " + PunktSentences.class.getName());
      }
      Set<String> out = new LinkedHashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  /** The number of sentences punkt finds in {@code s} (a line or a whole text); 0 for blank text. */
  public int count(String s) {
    int n = s.length();
    int sentences = 0;
    boolean open = false; // a sentence has started and not been counted yet
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        break;
      }
      open |= hasContent(s, start, i);
      int cut = candidate(s, start, i);
      if (cut >= 0 && isBreak(s, start, cut, i)) {
        if (open) {
          sentences++;
        }
        // what follows the break in this token opens the next sentence unless it is closers only
        open = hasContent(s, cut + 1, i);
      }
    }
    return open ? sentences + 1 : sentences;
  }

  private static boolean hasContent(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (CLOSERS.indexOf(s.charAt(k)) < 0) {
        return true;
      }
    }
    return false;
  }

  /** The index of the candidate end mark in token [start, end), or -1. */
  private static int candidate(String s, int start, int end) {
    boolean nextToken = nextTokenStart(s, end) >= 0;
    for (int k = end - 1; k >= start; k--) {
      char c = s.charAt(k);
      if (c == '.' || c == '?' || c == '!') {
        if (k == end - 1 ? nextToken : AFTER_TOKEN.indexOf(s.charAt(k + 1)) >= 0) {
          return k;
        }
      }
    }
    return -1;
  }

  private static int nextTokenStart(String s, int from) {
    for (int k = from; k < s.length(); k++) {
      if (!Character.isWhitespace(s.charAt(k))) {
        return k;
      }
    }
    return -1;
  }

  private boolean isBreak(String s, int start, int mark, int end) {
    if (s.charAt(mark) != '.') {
      return true;
    }
    // the word punkt's tokenizer sees before the period: skip opening punctuation
    int w = start;
    while (w < mark && "(\"`{[:;&#*@)}]-,'".indexOf(s.charAt(w)) >= 0) {
      w++;
    }
    Next next = mark + 1 < end ? Next.UNKNOWN : next(s, end);
    if (mark >= w + 1 && s.charAt(mark - 1) == '.') {
      return next == Next.COMMON_CAPITALISED; // an ellipsis
    }
    String word = s.substring(w, mark).toLowerCase(java.util.Locale.ROOT);
    if (abbreviations.contains(word) || abbreviations.contains(word.substring(word.lastIndexOf('-') + 1))) {
      return next == Next.COMMON_CAPITALISED;
    }
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return next == Next.COMMON_CAPITALISED; // an initial: lower case continues, a name (J. Bach) continues
    }
    if (isNumber(s, w, mark)) {
      return next != Next.LOWER;
    }
    return true;
  }

  private enum Next { LOWER, COMMON_CAPITALISED, OTHER, UNKNOWN }

  private Next next(String s, int from) {
    int k = nextTokenStart(s, from);
    if (k < 0) {
      return Next.UNKNOWN;
    }
    char c = s.charAt(k);
    if (Character.isLowerCase(c)) {
      return Next.LOWER;
    }
    if (!Character.isUpperCase(c) && !Character.isTitleCase(c)) {
      return ";:,.!?".indexOf(c) >= 0 ? Next.LOWER : Next.UNKNOWN; // punkt: punctuation never starts a sentence
    }
    int e = k;
    while (e < s.length() && Character.isLetter(s.charAt(e))) {
      e++;
    }
    return commonWords.contains(s.substring(k, e).toLowerCase(java.util.Locale.ROOT)) ? Next.COMMON_CAPITALISED
        : Next.OTHER;
  }

  /** punkt's {@code ##number##} type: {@code -?[.,]?\d[\d,.-]*} (the final period excluded). */
  private static boolean isNumber(String s, int from, int to) {
    int k = from;
    if (k < to && s.charAt(k) == '-') {
      k++;
    }
    if (k < to && (s.charAt(k) == '.' || s.charAt(k) == ',')) {
      k++;
    }
    if (k >= to || !Character.isDigit(s.charAt(k))) {
      return false;
    }
    for (k++; k < to; k++) {
      char c = s.charAt(k);
      if (!Character.isDigit(c) && c != ',' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }
}
