package dev.llamakit.engine.tokenizer;

import java.util.HashMap;
import java.util.Map;

/**
 * BPE merge ranks from {@code tokenizer.ggml.merges}: the rank of a merge is its index in that list (lower merges
 * first), and each entry is written {@code "left right"}.
 *
 * <p>Pairs whose halves are both vocabulary pieces are keyed by {@code (leftId << 32) | rightId} in an open-addressing
 * map; the rare pair with a half that is no piece falls back to a string map. As in llama.cpp, when a pair is listed
 * twice its first rank counts.
 */
final class MergeTable {
  private final LongIntMap byIds;
  private final Map<String, Integer> byText = new HashMap<>();
  private final int[] results;

  MergeTable(String[] merges, Vocabulary vocab) {
    byIds = new LongIntMap(merges.length);
    results = new int[merges.length];
    for (int rank = 0; rank < merges.length; rank++) {
      String m = merges[rank];
      int space = m.indexOf(' ', 1);
      if (space < 0) {
        throw new TokenizerException("tokenizer.ggml.merges[" + rank + "] = \"" + m + "\" has no space between its two "
            + "parts");
      }
      String left = m.substring(0, space);
      String right = m.substring(space + 1);
      results[rank] = vocab.idOf(left + right);
      int l = vocab.idOf(left);
      int r = vocab.idOf(right);
      if (l >= 0 && r >= 0) {
        byIds.putIfAbsent(key(l, r), rank);
      } else {
        byText.putIfAbsent(left + ' ' + right, rank);
      }
    }
  }

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** The rank of merging two pieces given by id, or -1. */
  int rank(int leftId, int rightId) {
    return byIds.get(key(leftId, rightId));
  }

  /** The rank of merging two pieces given by text, or -1. */
  int rank(String left, String right) {
    Integer r = byText.get(left + ' ' + right);
    return r == null ? -1 : r;
  }

  /** The id of the piece that merge {@code rank} produces, or -1 if that piece is not in the vocabulary. */
  int result(int rank) {
    return results[rank];
  }

  int size() {
    return byIds.size() + byText.size();
  }
}
