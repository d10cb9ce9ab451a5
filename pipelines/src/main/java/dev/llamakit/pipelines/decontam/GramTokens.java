package dev.llamakit.pipelines.decontam;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * An item's n-gram fingerprints handed to Lucene as the binary terms of one field value (8 bytes each, big-endian, so
 * terms sort as unsigned numbers); no analyzer runs.
 */
final class GramTokens extends TokenStream {
  private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
  private final long[] grams;
  private final BytesRef bytes = new BytesRef(new byte[Long.BYTES]);
  private int next;

  GramTokens(long[] grams) {
    this.grams = grams;
  }

  /** Writes {@code gram} into the first 8 bytes of {@code out}, big-endian. */
  static void encode(long gram, byte[] out) {
    for (int b = 0; b < Long.BYTES; b++) {
      out[b] = (byte) (gram >>> (56 - 8 * b));
    }
  }

  @Override
  public boolean incrementToken() {
    if (next == grams.length) {
      return false;
    }
    clearAttributes();
    encode(grams[next++], bytes.bytes);
    term.setBytesRef(bytes);
    return true;
  }

  @Override
  public void reset() {
    next = 0;
  }
}
