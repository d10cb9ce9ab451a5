package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Tokenizer throughput on the first 4,096 characters of WikiText-2 (valid split, from ../shared), Llama 3 BPE and
 * Llama 2 SPM: BPE encode with a warm word cache (the evaluation case: the same few-shot prefixes again and again), the
 * BPE merge loop without the cache, the pre-tokenizer regex alone, SPM encode, and detokenize.
 *
 * <p>Run: {@code java -cp <engine test classpath> dev.llamakit.engine.tokenizer.TokenizerBench} (see the engine
 * README line in the report), or through {@code org.openjdk.jmh.Main TokenizerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TokenizerBench {
  private BpeTokenizer bpe;
  private SpmTokenizer spm;
  private String text;
  private String[] words;
  private int[] bpeIds;
  private int[] spmIds;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path root = SharedFiles.root();
    if (root == null) {
      throw new IllegalStateException("TokenizerBench needs ../shared (set -Dllamakit.shared=DIR)");
    }
    bpe = (BpeTokenizer) Tokenizer.fromGguf(root.resolve("models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf"));
    spm = (SpmTokenizer) Tokenizer.fromGguf(root.resolve("golden/vocab/ggml-vocab-llama-spm.gguf"));
    String wiki = Files.readString(sample(root));
    text = wiki.substring(0, Math.min(4096, wiki.length()));
    words = Llama3PreTokenizer.split(text).toArray(String[]::new);
    bpeIds = bpe.encode(text, true, false);
    spmIds = spm.encode(text, true, false);
  }

  private static Path sample(Path root) {
    return root.resolve("data/web/wikitext-2/valid.txt");
  }

  /** Llama 3 encode of ~4 KB, word cache warm. Characters per second = 4096 x this. */
  @Benchmark
  public int[] bpeEncodeCached() {
    return bpe.encode(text, true, false);
  }

  /** Llama 3 encode with special-token parsing (the chat-prompt path). */
  @Benchmark
  public int[] bpeEncodeParseSpecial() {
    return bpe.encode(text, true, true);
  }

  /** The BPE merge loop alone, every word of the same ~4 KB, no cache. */
  @Benchmark
  public int bpeEncodeWordsUncached() {
    int n = 0;
    for (String w : words) {
      n += bpe.encodeWord(w).length;
    }
    return n;
  }

  /** The Llama 3 pre-tokenizer regex alone. */
  @Benchmark
  public int bpePreTokenize() {
    return Llama3PreTokenizer.split(text).size();
  }

  /** Llama 2 SPM encode of the same text (priority-queue merges, no cache). */
  @Benchmark
  public int[] spmEncode() {
    return spm.encode(text, true, false);
  }

  @Benchmark
  public String bpeDecode() {
    return bpe.decode(bpeIds);
  }

  @Benchmark
  public String spmDecode() {
    return spm.decode(spmIds);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(TokenizerBench.class.getName()).build()).run();
  }
}
