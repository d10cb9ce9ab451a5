package dev.llamakit.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into plain-text fragments and special tokens before tokenization, as llama.cpp's
 * {@code tokenizer_st_partition} does.
 *
 * <p>Special pieces are tried longest first; each one splits every remaining text fragment at all of its
 * non-overlapping occurrences, left to right. Control and unknown tokens take part only when special tokens are parsed;
 * user-defined tokens always do.
 */
final class SpecialTokenSplitter {
  /** One piece of the split input. */
  sealed interface Fragment permits Text, Special {}

  /** Text still to be tokenized. */
  record Text(String text) implements Fragment {}

  /** A special token found in the text. */
  record Special(int id) implements Fragment {}

  private final Vocabulary vocab;
  private final int[] specials;

  SpecialTokenSplitter(Vocabulary vocab) {
    this.vocab = vocab;
    this.specials = vocab.specialTokensLongestFirst();
  }

  List<Fragment> split(String text, boolean parseSpecial) {
    List<Fragment> buffer = new ArrayList<>();
    if (text.isEmpty()) {
      return buffer;
    }
    buffer.add(new Text(text));
    for (int id : specials) {
      if (!parseSpecial && TokenType.isControlLike(vocab.type(id))) {
        continue;
      }
      String piece = vocab.piece(id);
      List<Fragment> next = null;
      for (int f = 0; f < buffer.size(); f++) {
        Fragment fragment = buffer.get(f);
        int at = fragment instanceof Text(String t) ? t.indexOf(piece) : -1;
        if (at < 0) {
          if (next != null) {
            next.add(fragment);
          }
          continue;
        }
        if (next == null) {
          next = new ArrayList<>(buffer.subList(0, f));
        }
        String t = ((Text) fragment).text();
        int from = 0;
        while (at >= 0) {
          if (at > from) {
            next.add(new Text(t.substring(from, at)));
          }
          next.add(new Special(id));
          from = at + piece.length();
          at = t.indexOf(piece, from);
        }
        if (from < t.length()) {
          next.add(new Text(t.substring(from)));
        }
      }
      if (next != null) {
        buffer = next;
      }
    }
    return buffer;
  }
}
