package dev.llamakit.cli.engine;

import dev.llamakit.engine.bench.EngineBenchmark;
import dev.llamakit.engine.bench.Machine;
import dev.llamakit.engine.model.KvCache;
import dev.llamakit.engine.model.LlamaModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llamakit engine bench}: prompt and generation tok/s, measured bandwidth and the roofline fraction. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure prompt tok/s (64-token prompt), generation tok/s, memory read bandwidth and the fraction"
        + " of the bandwidth roofline that generation reaches; the header names the CPU and the vector width.")
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "GGUF or llama2.c model.")
  Path model;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  int threads;

  @Option(names = "--prompt-tokens", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int promptTokens = 64;

  @Option(names = "--gen-tokens", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int genTokens = 64;

  @Option(names = "--repeats", paramLabel = "N", description = "Timed rounds after a warm-up round; best kept.")
  int repeats = 2;

  @Option(names = "--bandwidth-mib", paramLabel = "MIB", description = "Bandwidth probe buffer (default: ${DEFAULT-VALUE}).")
  long bandwidthMib = 1024;

  @Option(names = "--exact", description = "Float32 activations everywhere.")
  boolean exact;

  @Option(names = "--mmap", description = "Read weights in place from the mapped file (llama.cpp's default) instead"
      + " of copying them into memory at load.")
  boolean mmap;

  @Mixin KvCacheMixin kvCache = new KvCacheMixin();

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());  // a failure (exit 1), not a usage error
    }
    if (threads < 0 || promptTokens < 1 || genTokens < 1 || repeats < 0 || bandwidthMib < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "counts must be positive");
    }
    var opts = dev.llamakit.engine.model.ModelOptions.defaults().withThreads(threads).withExactActivations(exact)
        .withContextLength(0).withMmap(mmap).withCacheTypes(kvCache.keys, kvCache.values);
    try (LlamaModel m = LlamaModel.load(model, opts)) {
      if (promptTokens + genTokens > m.contextLength()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "prompt + generated tokens exceed the context "
            + m.contextLength());
      }
      EngineBenchmark.Result r = EngineBenchmark.run(m, promptTokens, genTokens, repeats, bandwidthMib << 20);
      out.printf("cpu         %s (%d cores available)%n", Machine.cpuModel(),
          Runtime.getRuntime().availableProcessors());
      out.printf("vectors     %s%n", Machine.vectors());
      out.printf("model %s (%s), %d thread(s), weights %s%n", model.getFileName(), m.weights().types(), r.threads(),
          mmap ? "memory-mapped" : "copied into memory");
      out.printf("prompt      %8.1f tok/s  (%d-token prompt; %.1f tok per process-CPU-second)%n",
          r.promptTokensPerSecond(), r.promptTokens(), r.promptTokensPerCpuSecond());
      out.printf("generation  %8.1f tok/s  (%d tokens; %.1f tok per process-CPU-second, %.2f load average)%n",
          r.generationTokensPerSecond(), r.generatedTokens(), r.generationTokensPerCpuSecond(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      out.printf("bandwidth   %8.2f GB/s   (read, %d thread(s))%n", r.bandwidthBytesPerSecond() / 1e9, r.threads());
      out.printf("weights     %8.1f MB/token -> roofline %.1f tok/s, generation at %.0f%% of it%n",
          r.weightBytesPerToken() / 1e6, r.rooflineTokensPerSecond(), 100 * r.fractionOfRoofline());
      var c = m.config();
      long keys = c.layers() * kvCache.keys.byteSize(c.kvDim()), values = c.layers() * kvCache.values.byteSize(c.kvDim());
      long perToken = KvCache.bytesPerPosition(c.layers(), c.kvDim(), kvCache.keys, kvCache.values);
      out.printf("kv cache    %8d bytes/token (keys %s %d + values %s %d; %.1f MB for the %d-token context)%n",
          perToken, CacheTypeConverter.name(kvCache.keys), keys, CacheTypeConverter.name(kvCache.values), values,
          perToken * (double) m.contextLength() / 1e6, m.contextLength());
    }
    return 0;
  }
}
