package dev.llamakit.engine.inference;

/** The raw bytes a token stands for (a tokenizer's piece), used to check stop strings. */
@FunctionalInterface
public interface TokenText {
  byte[] bytes(int tokenId);
}
