package dev.llamakit.cli.serve;

import dev.llamakit.engine.bench.Machine;
import dev.llamakit.cli.engine.ModelMixin;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.safety.moderation.ModerationConfig;
import dev.llamakit.serve.Server;
import dev.llamakit.serve.bench.LoadRun;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llamakit bench serve}: the server in this process on loopback, real HTTP clients, batched vs unbatched
 * (alternating, round after round) at each client count, then the moderation filter's cost per request.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Measure `llamakit serve` over loopback HTTP: requests/s, time to first token and aggregate "
        + "generated tok/s at each client count, with continuous batching (--batch) and without (--baseline-batch),"
        + " run alternately round after round; then the moderation filter's cost per request (default shields vs "
        + "none, 1 client).", "Prompts are random token ids (unique per request), greedy, streamed; the figures are "
        + "min-max over the rounds."})
public final class BenchServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelMixin model;

  @Option(names = "--clients", split = ",", paramLabel = "N[,N...]",
      description = "Concurrent clients per run (default: 1,4,16).")
  List<Integer> clients = List.of(1, 4, 16);

  @Option(names = "--batch", paramLabel = "N", description = "Batch size of the batched server (default: 16).")
  int batch = 16;

  @Option(names = "--baseline-batch", paramLabel = "N",
      description = "Batch size it is compared with (default: 1 = no batching; 0 = no comparison).")
  int baseline = 1;

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds per configuration (default: 3).")
  int rounds = 3;

  @Option(names = "--requests", paramLabel = "N", description = "Requests per client per run (default: 2).")
  int requests = 2;

  @Option(names = "--prompt-tokens", paramLabel = "N", description = "Prompt length (default: 32).")
  int promptTokens = 32;

  @Option(names = "--max-tokens", paramLabel = "N", description = "max_tokens per request (default: 64).")
  int maxTokens = 64;

  @Option(names = "--no-moderation", description = "Skip the moderation-overhead runs.")
  boolean noModeration;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1) || batch < 1 || baseline < 0 || rounds < 1
        || requests < 1 || promptTokens < 2 || maxTokens < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "counts must be positive (--baseline-batch may "
          + "be 0)");
    }
    int most = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    try (TextEngine text = model.openText()) {
      if (promptTokens + maxTokens > text.contextLength()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--prompt-tokens + --max-tokens exceed the "
            + "context " + text.contextLength() + " (--ctx)");
      }
      int vocab = text.tokenizer().vocabSize();
      var m = text.engine().model();
      out.printf("cpu       %s (%d cores available)%n", Machine.cpuModel(), Runtime.getRuntime().availableProcessors());
      out.printf("vectors   %s%n", Machine.vectors());
      out.printf("model     %s (%s), %d thread(s), context %d; prompts %d tokens, max_tokens %d, %d request(s) per "
          + "client, %d round(s)%n", model.modelPath().getFileName(), m.weights().types(), m.threads(),
          text.contextLength(), promptTokens, maxTokens, requests, rounds);
      List<Integer> batches = baseline == 0 ? List.of(batch) : List.of(batch, baseline);
      Map<Integer, Server> servers = new LinkedHashMap<>();
      try {
        for (int b : batches) {
          servers.put(b, Server.start(text, Map.of(), Server.Options.loopback(0, "bench").withModeration(null)
              .withLimits(1 << 20, most).withBatch(b)));
        }
        // Warm-up: one run per server, not reported.
        for (Server s : servers.values()) {
          LoadRun.run(base(s), Math.min(most, 4), 1, promptTokens, Math.min(maxTokens, 16), vocab, -1);
        }
        out.println();
        out.println("clients  batch   req/s          gen tok/s        tok/CPU-s    TTFT median ms     latency median ms"
            + "   tokens");
        long seed = 1;
        for (int c : clients) {
          Map<Integer, List<LoadRun.Result>> byBatch = new LinkedHashMap<>();
          for (int r = 0; r < rounds; r++) {
            List<Integer> order = new ArrayList<>(batches);
            if (r % 2 == 1) {
              java.util.Collections.reverse(order);  // alternate which goes first
            }
            for (int b : order) {
              byBatch.computeIfAbsent(b, k -> new ArrayList<>())
                  .add(LoadRun.run(base(servers.get(b)), c, requests, promptTokens, maxTokens, vocab, seed++));
            }
          }
          for (int b : batches) {
            List<LoadRun.Result> rs = byBatch.get(b);
            out.printf("%7d  %5d  %s  %s  %s  %s  %s  %6d%n", c, b, range(rs, LoadRun.Result::requestsPerSecond, 1),
                range(rs, LoadRun.Result::tokensPerSecond, 1), range(rs, LoadRun.Result::tokensPerCpuSecond, 0),
                range(rs, LoadRun.Result::medianFirstTokenMillis, 0), range(rs, LoadRun.Result::medianLatencyMillis, 0),
                rs.stream().mapToInt(LoadRun.Result::generatedTokens).sum());
          }
          if (batches.size() == 2) {
            List<LoadRun.Result> a = byBatch.get(batch), u = byBatch.get(baseline);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
              ratios[r] = a.get(r).tokensPerSecond() / u.get(r).tokensPerSecond();
            }
            DoubleSummaryStatistics st = java.util.Arrays.stream(ratios).summaryStatistics();
            out.printf("         batch %d / batch %d gen tok/s, round by round: %.2f-%.2fx (mean %.2fx)%n", batch,
                baseline, st.getMin(), st.getMax(), st.getAverage());
          }
        }
      } finally {
        for (Server s : servers.values()) {
          s.close();
        }
      }
      if (!noModeration) {
        moderation(text, vocab);
      }
    }
    return 0;
  }

  /** Latency per request at 1 client, default shields vs none, alternating. */
  private void moderation(TextEngine text, int vocab) throws Exception {
    try (Server none = Server.start(text, Map.of(), Server.Options.loopback(0, "bench").withModeration(null)
        .withBatch(batch));
         Server shields = Server.start(text, Map.of(), Server.Options.loopback(0, "bench")
             .withModeration(ModerationConfig.defaults()).withBatch(batch))) {
      LoadRun.run(base(shields), 1, 1, promptTokens, Math.min(maxTokens, 16), vocab, -2, true);
      List<LoadRun.Result> plain = new ArrayList<>(), moderated = new ArrayList<>();
      long seed = 1_000;
      for (int r = 0; r < rounds; r++) {
        plain.add(LoadRun.run(base(none), 1, requests, promptTokens, maxTokens, vocab, seed, true));
        moderated.add(LoadRun.run(base(shields), 1, requests, promptTokens, maxTokens, vocab, seed++, true));
      }
      out.println();
      out.printf("moderation (1 client, default shields %s, English prompts), min-max over %d round(s):%n",
          ModerationConfig.defaults().shieldIds(), rounds);
      out.printf("  generated tokens %d without, %d with; %d of %d requests refused or cut by a shield%n",
          plain.stream().mapToInt(LoadRun.Result::generatedTokens).sum(),
          moderated.stream().mapToInt(LoadRun.Result::generatedTokens).sum(),
          moderated.stream().mapToLong(LoadRun.Result::filtered).sum(),
          moderated.stream().mapToInt(x -> x.requests().size()).sum());
      out.printf("  latency median  %s ms without, %s ms with; difference per round %s ms%n",
          range(plain, LoadRun.Result::medianLatencyMillis, 0).strip(),
          range(moderated, LoadRun.Result::medianLatencyMillis, 0).strip(),
          diff(plain, moderated, LoadRun.Result::medianLatencyMillis));
      out.printf("  CPU per request %s ms without, %s ms with; difference per round %s ms%n",
          range(plain, BenchServeCommand::cpuMillisPerRequest, 0).strip(),
          range(moderated, BenchServeCommand::cpuMillisPerRequest, 0).strip(),
          diff(plain, moderated, BenchServeCommand::cpuMillisPerRequest));
    }
  }

  private static double cpuMillisPerRequest(LoadRun.Result r) {
    return r.cpuNanos() / 1e6 / r.requests().size();
  }

  private static String diff(List<LoadRun.Result> a, List<LoadRun.Result> b, ToDoubleFunction<LoadRun.Result> f) {
    double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
    for (int i = 0; i < a.size(); i++) {
      double d = f.applyAsDouble(b.get(i)) - f.applyAsDouble(a.get(i));
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return String.format("%.0f to %.0f", lo, hi);
  }

  private static URI base(Server s) {
    return URI.create("http://127.0.0.1:" + s.port());
  }

  private static String range(List<LoadRun.Result> rs, ToDoubleFunction<LoadRun.Result> f, int decimals) {
    DoubleSummaryStatistics st = rs.stream().mapToDouble(f).summaryStatistics();
    String fmt = "%." + decimals + "f";
    return String.format("%-15s", String.format(fmt + "-" + fmt, st.getMin(), st.getMax()));
  }
}
