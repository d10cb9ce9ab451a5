package dev.llamakit.engine.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits text into plain-text fragments and special tokens before tokenization, as llama.cpp's
 * {@code tokenizer_st_partition} does.
 *
 * <p>Special pieces are tried longest first; each one splits every remaining text fragment at all of its
 * non-overlapping occurrences, left to right. Control and unknown tokens take part only when special tokens are parsed;
 * user-defined tokens always do. Only the positions holding the first character of some special piece are examined,
 * so text without such characters costs one scan.
 */
final class SpecialTokenSplitter {
  /** One piece of the split input. */
  sealed interface Fragment permits Text, Special {}

  /** Text still to be tokenized: {@code source[start, end)}. */
  record Text(String source, int start, int end) implements Fragment {
    String text() {
      return start == 0 && end == source.length() ? source : source.substring(start, end);
    }
  }

  /** A special token found in the text. */
  record Special(int id) implements Fragment {}

  private final Vocabulary vocab;
  private final int[] specials;
  private final String[] pieces;
  /** Sorted distinct first characters of the special pieces (parse-special set, then the always-on set). */
  private final char[] firstCharsAll;
  private final char[] firstCharsUser;

  SpecialTokenSplitter(Vocabulary vocab) {
    this.vocab = vocab;
    this.specials = vocab.specialTokensLongestFirst();
    this.pieces = new String[specials.length];
    StringBuilder all = new StringBuilder();
    StringBuilder user = new StringBuilder();
    for (int k = 0; k < specials.length; k++) {
      pieces[k] = vocab.piece(specials[k]);
      char c = pieces[k].charAt(0);
      all.append(c);
      if (!TokenType.isControlLike(vocab.type(specials[k]))) {
        user.append(c);
      }
    }
    this.firstCharsAll = distinct(all);
    this.firstCharsUser = distinct(user);
  }

  private static char[] distinct(StringBuilder sb) {
    return sb.chars().distinct().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint,
        StringBuilder::append).toString().toCharArray();
  }

  List<Fragment> split(String text, boolean parseSpecial) {
    List<Fragment> buffer = new ArrayList<>();
    if (text.isEmpty()) {
      return buffer;
    }
    buffer.add(new Text(text, 0, text.length()));
    int[] candidates = candidates(text, parseSpecial ? firstCharsAll : firstCharsUser);
    if (candidates.length == 0) {
      return buffer;
    }
    for (int k = 0; k < specials.length; k++) {
      int id = specials[k];
      if (!parseSpecial && TokenType.isControlLike(vocab.type(id))) {
        continue;
      }
      String piece = pieces[k];
      List<Fragment> next = null;
      for (int f = 0; f < buffer.size(); f++) {
        Fragment fragment = buffer.get(f);
        int at = fragment instanceof Text t ? find(text, piece, t.start(), t.end(), candidates) : -1;
        if (at < 0) {
          if (next != null) {
            next.add(fragment);
          }
          continue;
        }
        if (next == null) {
          next = new ArrayList<>(buffer.subList(0, f));
        }
        Text t = (Text) fragment;
        int from = t.start();
        while (at >= 0) {
          if (at > from) {
            next.add(new Text(text, from, at));
          }
          next.add(new Special(id));
          from = at + piece.length();
          at = find(text, piece, from, t.end(), candidates);
        }
        if (from < t.end()) {
          next.add(new Text(text, from, t.end()));
        }
      }
      if (next != null) {
        buffer = next;
      }
    }
    return buffer;
  }

  /** The positions of {@code text} holding one of {@code firstChars}, ascending. */
  private static int[] candidates(String text, char[] firstChars) {
    if (firstChars.length == 0) {
      return new int[0];
    }
    IntList out = new IntList(8);
    for (int i = 0; i < text.length(); i++) {
      if (Arrays.binarySearch(firstChars, text.charAt(i)) >= 0) {
        out.add(i);
      }
    }
    return out.toArray();
  }

  /** The first occurrence of {@code piece} inside {@code text[from, end)}, looking only at candidate positions. */
  private static int find(String text, String piece, int from, int end, int[] candidates) {
    int last = end - piece.length();
    int c = Arrays.binarySearch(candidates, from);
    for (int k = c >= 0 ? c : -c - 1; k < candidates.length && candidates[k] <= last; k++) {
      if (text.startsWith(piece, candidates[k])) {
        return candidates[k];
      }
    }
    return -1;
  }
}
