package dev.llamakit.cli.eval;

import dev.llamakit.eval.sandbox.FunctionalCorrectness;
import dev.llamakit.eval.sandbox.Sandbox;
import dev.llamakit.eval.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit eval execute --problems HumanEval.jsonl.gz --samples samples.jsonl}: openai/human-eval's
 * {@code evaluate_functional_correctness} on the llamakit sandbox.
 */
@Command(name = "execute", mixinStandardHelpOptions = true,
    description = "Run HumanEval samples ({task_id, completion} JSONL) in the sandbox; writes <samples>_results.jsonl and prints pass@k.")
public final class ExecuteCommand implements Callable<Integer> {
  @Option(names = "--problems", required = true, paramLabel = "FILE", description = "HumanEval problems (.jsonl or .jsonl.gz).")
  Path problems;

  @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Samples JSONL: {\"task_id\", \"completion\"} per line.")
  Path samples;

  @Option(names = "--k", split = ",", defaultValue = "1,10,100", paramLabel = "K", description = "k values (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(names = "--timeout", defaultValue = "3", paramLabel = "SECONDS", description = "Per-program timeout (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--workers", paramLabel = "N", description = "Programs run in parallel (default: up to 4).")
  Integer workers;

  @Option(names = "--allow-unisolated-sandbox", description = "Run code without namespace isolation when the kernel refuses namespaces (unsafe).")
  boolean allowUnisolated;

  @Option(names = "--allow-missing", description = "Score a samples file that attempts only some of the problems; "
      + "pass@k is then over the attempted problems (warned and counted on stderr).")
  boolean allowMissing;

  @Override
  public Integer call() {
    SandboxConfig c = SandboxConfig.defaults().withTimeout(Duration.ofMillis((long) (timeout * 1000)))
        .withUnisolatedFallback(allowUnisolated);
    if (workers != null) {
      c = c.withWorkers(workers);
    }
    FunctionalCorrectness.Samples read = FunctionalCorrectness.read(problems, samples, allowMissing); // before any run
    if (!read.missing().isEmpty()) {
      System.err.println("warning: " + read.missing().size() + " of " + (read.missing().size() + read.problems().size())
          + " problems have no sample; pass@k is over the " + read.problems().size() + " attempted problems only, "
          + "not a full-benchmark score");
    }
    try (Sandbox box = new Sandbox(c)) {
      FunctionalCorrectness.Report r = FunctionalCorrectness.evaluate(read, ks, box);
      System.err.println("executed " + r.samples() + " samples; results in " + r.resultsFile());
      System.out.println(FunctionalCorrectness.json(r.passAtK()));
    }
    return 0;
  }
}
