package dev.llamakit.engine.tensor;

/** How a weight type wants its input vector prepared for the fast dot product. */
public enum ActivationFormat {
  /** Plain float32 activations. */
  F32(1),
  /** llama.cpp Q8_0: blocks of 32 int8 values with one scale (rounded to F16) per block. */
  Q8_0(32),
  /** llama.cpp Q8_K: blocks of 256 int8 values with one float scale and 16 block sums per block. */
  Q8_K(256);

  private final int blockSize;

  ActivationFormat(int blockSize) {
    this.blockSize = blockSize;
  }

  /** Elements per activation block. */
  public int blockSize() {
    return blockSize;
  }
}
