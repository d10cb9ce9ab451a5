package dev.llamakit.engine.sampling;

/**
 * A rule on which tokens may come next (constrained decoding, e.g. JSON that matches a schema). Immutable and
 * shareable: it travels in {@link SamplingParams#constraint()}, and the {@link Sampler} starts one {@link Session} per
 * generation.
 */
public interface TokenConstraint {
  /** A fresh state for one generation. */
  Session start();

  /** The per-generation state: masks the logits before each pick and learns the picked token. */
  interface Session {
    /** Sets {@code logits[off + id]} to negative infinity for every token id that may not come next. */
    void mask(float[] logits, int off, int vocabSize);

    /** The token that was picked (always one {@link #mask} left allowed). */
    void accept(int token);
  }
}
