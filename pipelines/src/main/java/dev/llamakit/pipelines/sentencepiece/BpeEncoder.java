package dev.llamakit.pipelines.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * SentencePiece's BPE segmentation ({@code bpe_model.cc}): start from characters (a USER_DEFINED piece at a position
 * is one frozen symbol), then repeatedly merge the adjacent pair whose concatenation is a vocabulary piece with the
 * highest score, the leftmost on ties, until no pair is a piece. A merged UNUSED piece is split back into the two
 * symbols it was made of; a final symbol that is no piece gets the unk id.
 */
final class BpeEncoder implements Encoder {
  private final Vocabulary vocab;
  private final ByteTrie pieces;
  private final ByteTrie userDefined;

  BpeEncoder(Vocabulary vocab) {
    this.vocab = vocab;
    this.pieces = vocab.pieceTrie();
    this.userDefined = vocab.userDefinedTrie().isEmpty() ? null : vocab.userDefinedTrie();
  }

  @Override
  public Segments encode(byte[] text, int size) {
    Segments out = new Segments(size / 3 + 4);
    if (size == 0) {
      return out;
    }
    Symbols sym = split(text, size);
    PairHeap agenda = new PairHeap(sym.count);
    Map<String, int[]> revMerge = new HashMap<>();
    for (int i = 1; i < sym.count; i++) {
      addPair(text, sym, agenda, revMerge, i - 1, i);
    }
    while (!agenda.isEmpty()) {
      int top = agenda.pop();
      int left = agenda.left(top);
      int right = agenda.right(top);
      if (sym.len[left] == 0 || sym.len[right] == 0 || sym.len[left] + sym.len[right] != agenda.size(top)) {
        continue; // stale: one side was merged away since this pair was queued
      }
      sym.len[left] += sym.len[right];
      sym.next[left] = sym.next[right];
      if (sym.next[right] >= 0) {
        sym.prev[sym.next[right]] = left;
      }
      sym.len[right] = 0;
      addPair(text, sym, agenda, revMerge, sym.prev[left], left);
      addPair(text, sym, agenda, revMerge, left, sym.next[left]);
    }
    for (int i = 0; i != -1; i = sym.next[i]) {
      resegment(text, sym.start[i], sym.start[i] + sym.len[i], revMerge, out);
    }
    return out;
  }

  /** The initial symbols: user-defined pieces (frozen) and single characters, as a doubly linked list. */
  private Symbols split(byte[] text, int size) {
    Symbols s = new Symbols(size);
    for (int pos = 0; pos < size; ) {
      int len = userDefined == null ? 0 : userDefined.longestPrefix(text, pos, size);
      boolean freeze = len > 0;
      if (!freeze) {
        len = Utf8.charLength(text, pos, size);
      }
      int i = s.count++;
      s.start[i] = pos;
      s.len[i] = len;
      s.freeze[i] = freeze;
      s.prev[i] = i - 1;
      pos += len;
      s.next[i] = pos < size ? i + 1 : -1;
    }
    return s;
  }

  private void addPair(byte[] text, Symbols s, PairHeap agenda, Map<String, int[]> revMerge, int left, int right) {
    if (left == -1 || right == -1 || s.freeze[left] || s.freeze[right]) {
      return;
    }
    int from = s.start[left];
    int to = from + s.len[left] + s.len[right];
    int id = pieces.get(text, from, to);
    if (id < 0) {
      return;
    }
    agenda.push(vocab.score(id), left, right, to - from);
    if (vocab.is(id, PieceType.UNUSED)) {
      revMerge.put(key(text, from, to), new int[] {from, s.start[left] + s.len[left], to});
    }
  }

  /** Emits {@code text[from, to)}, split back recursively while it is an UNUSED piece. */
  private void resegment(byte[] text, int from, int to, Map<String, int[]> revMerge, Segments out) {
    int id = vocab.pieceToId(text, from, to);
    int[] split = vocab.is(id, PieceType.UNUSED) ? revMerge.get(key(text, from, to)) : null;
    if (split == null) {
      out.add(from, to, id);
      return;
    }
    resegment(text, split[0], split[1], revMerge, out);
    resegment(text, split[1], split[2], revMerge, out);
  }

  private static String key(byte[] text, int from, int to) {
    return new String(text, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The symbol list: byte range, links and frozen flag per symbol. */
  private static final class Symbols {
    final int[] start;
    final int[] len;
    final int[] prev;
    final int[] next;
    final boolean[] freeze;
    int count;

    Symbols(int capacity) {
      start = new int[capacity];
      len = new int[capacity];
      prev = new int[capacity];
      next = new int[capacity];
      freeze = new boolean[capacity];
    }
  }
}
