package dev.llamakit.pipelines.sentencepiece;

/** A segmentation algorithm over normalised UTF-8 text. Implementations are immutable and thread-safe. */
interface Encoder {
  /** Splits {@code text[0, length)} into pieces, in order, covering every byte; unknown spans get the unk id. */
  Segments encode(byte[] text, int length);
}
