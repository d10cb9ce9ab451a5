package dev.llamakit.pipelines.sentencepiece;

/** A segmentation algorithm over normalised UTF-8 text. Implementations are immutable and thread-safe. */
interface Encoder {
  /** Splits {@code text[0, length)} into pieces, in order, covering every byte; unknown spans get the unk id. */
  Segments encode(byte[] text, int length);

  /**
   * As {@link #encode(byte[], int)}, writing the pieces into {@code out} (cleared first) and using {@code lattice}'s
   * arrays as working space where the algorithm has any; both belong to the calling thread.
   */
  default void encode(byte[] text, int length, Lattice lattice, Segments out) {
    Segments s = encode(text, length);
    out.clear();
    for (int i = 0; i < s.size(); i++) {
      out.add(s.start(i), s.end(i), s.id(i));
    }
  }

  /** Per-thread working arrays of the unigram Viterbi search, grown on demand. */
  final class Lattice {
    float[] best = new float[0];
    int[] startsAt = new int[0];
    int[] ids = new int[0];

    /** Makes room for positions {@code [0, positions)}. */
    void ensure(int positions) {
      if (best.length < positions) {
        int c = Math.max(positions, best.length + (best.length >> 1));
        best = new float[c];
        startsAt = new int[c];
        ids = new int[c];
      }
    }
  }
}
