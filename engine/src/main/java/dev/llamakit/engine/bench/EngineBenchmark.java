package dev.llamakit.engine.bench;

import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.parallel.WorkerPool;
import dev.llamakit.engine.sampling.Sampler;
import java.util.SplittableRandom;

/**
 * Prompt-processing and generation throughput of a loaded model, with the measured memory bandwidth and the
 * resulting decode roofline ({@code bandwidth / weight bytes per token}).
 */
public final class EngineBenchmark {
  /** One benchmark run's figures. */
  public record Result(int threads, int promptTokens, double promptTokensPerSecond, int generatedTokens,
      double generationTokensPerSecond, double bandwidthBytesPerSecond, long weightBytesPerToken,
      double generationTokensPerCpuSecond, double promptTokensPerCpuSecond) {
    /** Decode tok/s if every weight byte streamed at the measured bandwidth. */
    public double rooflineTokensPerSecond() {
      return bandwidthBytesPerSecond / weightBytesPerToken;
    }

    public double fractionOfRoofline() {
      return generationTokensPerSecond / rooflineTokensPerSecond();
    }
  }

  private EngineBenchmark() {}

  /** Runs {@code repeats} rounds (best kept) of a {@code promptTokens}-token prompt and {@code genTokens} decodes. */
  public static Result run(LlamaModel m, int promptTokens, int genTokens, int repeats, long bandwidthBytes) {
    if (promptTokens + genTokens > m.contextLength()) {
      throw new IllegalArgumentException(promptTokens + " + " + genTokens + " tokens exceed the context of "
          + m.contextLength());
    }
    SplittableRandom rnd = new SplittableRandom(7);
    int[] prompt = new int[promptTokens];
    for (int i = 0; i < promptTokens; i++) {
      prompt[i] = rnd.nextInt(m.vocabSize());
    }
    InferenceState s = m.newState();
    double bestPp = 0, bestTg = 0, bestTgCpu = 0, bestPpCpu = 0;
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    int vocab = m.vocabSize();
    for (int r = 0; r < repeats + 1; r++) {
      s.cache().truncate(0);
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      float[] logits = m.forward(s, prompt, 0, promptTokens, promptTokens - 1);
      long t1 = System.nanoTime();
      long c1 = os.getProcessCpuTime();
      int tok = Sampler.argmax(logits, 0, vocab);
      int[] one = new int[1];
      for (int i = 0; i < genTokens; i++) {
        one[0] = tok;
        logits = m.forward(s, one, 0, 1, 0);
        tok = Sampler.argmax(logits, 0, vocab);
      }
      long t2 = System.nanoTime();
      long c2 = os.getProcessCpuTime();
      if (r > 0 || repeats == 0) {
        bestPp = Math.max(bestPp, promptTokens * 1e9 / (t1 - t0));
        bestTg = Math.max(bestTg, genTokens * 1e9 / (t2 - t1));
        bestTgCpu = Math.max(bestTgCpu, genTokens * 1e9 / Math.max(1, c2 - c1));
        bestPpCpu = Math.max(bestPpCpu, promptTokens * 1e9 / Math.max(1, c1 - c0));
      }
    }
    double bw;
    try (WorkerPool pool = new WorkerPool(m.threads())) {
      bw = BandwidthProbe.measure(pool, bandwidthBytes, 3);
    }
    return new Result(m.threads(), promptTokens, bestPp, genTokens, bestTg, bw, m.weights().bytesPerToken(),
        bestTgCpu, bestPpCpu);
  }
}
