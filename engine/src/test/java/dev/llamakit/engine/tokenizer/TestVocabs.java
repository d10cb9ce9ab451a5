package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;

/** The shared vocabularies, each loaded once per test JVM. */
public final class TestVocabs {
  private static Tokenizer spm;
  private static Tokenizer llama3;

  private TestVocabs() {}

  /** Llama 2 SPM (32,000 tokens), {@code golden/vocab/ggml-vocab-llama-spm.gguf}; skips when absent. */
  public static synchronized Tokenizer spm() throws IOException {
    if (spm == null) {
      spm = Tokenizer.fromGguf(SharedFiles.require("golden/vocab/ggml-vocab-llama-spm.gguf"));
    }
    return spm;
  }

  /** Llama 3 BPE (128,256 tokens), {@code models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf}; skips when absent. */
  public static synchronized Tokenizer llama3() throws IOException {
    if (llama3 == null) {
      llama3 = Tokenizer.fromGguf(SharedFiles.require("models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf"));
    }
    return llama3;
  }
}
