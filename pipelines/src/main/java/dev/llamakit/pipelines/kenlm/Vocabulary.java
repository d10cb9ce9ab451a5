package dev.llamakit.pipelines.kenlm;

/** A KenLM vocabulary: word (UTF-8 bytes) to index, 0 for {@code <unk>} and for every unknown word. */
interface Vocabulary {
  /** Number of indices, {@code <unk>} included: valid indices are {@code [0, bound())}. */
  int bound();

  int index(byte[] utf8, int off, int len);

  /** The word with this index; {@code <unk>} for 0. */
  String word(int index);
}
