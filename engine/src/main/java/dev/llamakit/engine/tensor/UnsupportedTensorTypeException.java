package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;

/** Thrown when a tensor uses a ggml type the engine has no kernel for; the message names the tensor and the type. */
public final class UnsupportedTensorTypeException extends RuntimeException {
  public UnsupportedTensorTypeException(String tensor, GgmlType type) {
    super("tensor " + tensor + " has type " + type + ", which the engine does not support (supported: F32, F16, BF16,"
        + " Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
  }
}
