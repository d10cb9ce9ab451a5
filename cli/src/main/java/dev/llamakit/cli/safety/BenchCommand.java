package dev.llamakit.cli.safety;

import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.code.InsecureCodeDetector;
import dev.llamakit.safety.data.BenignRequests;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.injection.PromptAttackClassifier;
import dev.llamakit.safety.metrics.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit safety bench}: latency and throughput of the embedded shields on one core. Targets: moderation
 * classifier p50 &le; 1 ms per message and &ge; 5,000 messages/s/core in batch; insecure-code detector &le; 5 ms
 * per 100 lines.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the embedded classifier's latency and throughput and the code detector's speed (single thread).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--messages", defaultValue = "20000", description = "Messages per timed pass (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--code-runs", defaultValue = "2000", description = "Timed scans of the 100-line code sample (default: ${DEFAULT-VALUE}).")
  int codeRuns;

  @Option(names = "--guard-model", paramLabel = "GGUF", description = "Also time a Llama Guard shield on this model, "
      + "with and without the prefix cache holding the policy part of the prompt.")
  java.nio.file.Path guardModel;

  @Option(names = "--guard-variant", defaultValue = "lg3-1b-hf", description = "Llama Guard variant (default: ${DEFAULT-VALUE}).")
  String guardVariant;

  @Option(names = "--guard-runs", defaultValue = "4", description = "Timed shield calls per mode (default: ${DEFAULT-VALUE}).")
  int guardRuns;

  @Option(names = "--threads", defaultValue = "0", description = "Engine threads for --guard-model (default: all cores).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (guardModel != null) {
      benchGuard();
    }
    List<String> texts = sampleMessages();
    ModerationClassifier mod = ModerationClassifier.shipped();
    PromptAttackClassifier pa = PromptAttackClassifier.shipped();
    for (int i = 0; i < 3000; i++) { mod.score(texts.get(i % texts.size())); pa.score(texts.get(i % texts.size())); }

    double[] lat = new double[messages];
    for (int i = 0; i < messages; i++) {
      long t0 = System.nanoTime();
      mod.score(texts.get(i % texts.size()));
      lat[i] = (System.nanoTime() - t0) / 1000.0;
    }
    Percentiles p = new Percentiles(lat);
    long t0 = System.nanoTime();
    for (int i = 0; i < messages; i++) mod.score(texts.get(i % texts.size()));
    double modRate = messages / ((System.nanoTime() - t0) / 1e9);

    double[] plat = new double[messages];
    for (int i = 0; i < messages; i++) {
      long s = System.nanoTime();
      pa.score(texts.get(i % texts.size()));
      plat[i] = (System.nanoTime() - s) / 1000.0;
    }
    Percentiles pp = new Percentiles(plat);

    String code = sampleCode(100);
    InsecureCodeDetector d = InsecureCodeDetector.standard();
    for (int i = 0; i < 200; i++) d.scanText(code);
    double[] clat = new double[codeRuns];
    int issues = 0;
    for (int i = 0; i < codeRuns; i++) {
      long s = System.nanoTime();
      issues = d.scanText(code).issues().size();
      clat[i] = (System.nanoTime() - s) / 1e6;
    }
    Percentiles cp = new Percentiles(clat);
    String untagged = code.replace("```python\n", "").replace("```\n", "");
    double[] ulat = new double[codeRuns];
    for (int i = 0; i < codeRuns; i++) {
      long s = System.nanoTime();
      d.scan(untagged, null);
      ulat[i] = (System.nanoTime() - s) / 1e6;
    }
    Percentiles up = new Percentiles(ulat);

    System.out.printf("embedded moderation classifier (%d messages, avg %d chars, 1 thread):%n", messages,
        texts.stream().mapToInt(String::length).sum() / texts.size());
    System.out.printf("  latency per message: p50 %.1f us, p90 %.1f us, p99 %.1f us   (target p50 <= 1000 us)%n",
        p.at(50), p.at(90), p.at(99));
    System.out.printf("  batch throughput: %.0f messages/s/core   (target >= 5000)%n", modRate);
    System.out.printf("prompt-attack detector: p50 %.1f us, p90 %.1f us, p99 %.1f us%n", pp.at(50), pp.at(90), pp.at(99));
    System.out.printf("insecure-code detector, 100 lines (python fence, %d issues): p50 %.3f ms, p90 %.3f ms   (target <= 5 ms)%n",
        issues, cp.at(50), cp.at(90));
    System.out.printf("insecure-code detector, 100 lines, language unknown (all 8 rule sets): p50 %.3f ms, p90 %.3f ms%n",
        up.at(50), up.at(90));
    return 0;
  }

  /** Llama Guard shield latency: cold (whole prompt computed) vs warm (policy prefix reused from the cache). */
  private void benchGuard() throws Exception {
    var v = dev.llamakit.safety.llamaguard.LlamaGuardVariant.named(guardVariant);
    try (var guard = dev.llamakit.safety.engine.EngineGuardModel.load(guardModel,
        dev.llamakit.engine.model.ModelOptions.defaults().withThreads(threads))) {
      var shield = new dev.llamakit.safety.llamaguard.LlamaGuardShield(guard,
          dev.llamakit.safety.llamaguard.LlamaGuardShield.Config.defaults(v));
      List<String> msgs = List.of("What is the capital of France?", "How do I pick a lock?",
          "Write a poem about the sea.", "Tell me how to make a cake.", "Who wrote Hamlet?", "Is it safe to swim here?");
      shield.evaluate(List.of(dev.llamakit.safety.Message.user("warm-up")));
      double[] cold = new double[guardRuns];
      double[] warm = new double[guardRuns];
      for (int i = 0; i < guardRuns; i++) {
        guard.forgetCachedPrefix();
        long t0 = System.nanoTime();
        shield.evaluate(List.of(dev.llamakit.safety.Message.user(msgs.get(i % msgs.size()))));
        cold[i] = (System.nanoTime() - t0) / 1e6;
      }
      shield.evaluate(List.of(dev.llamakit.safety.Message.user("prime the cache")));
      shield.evaluate(List.of(dev.llamakit.safety.Message.user("prime the cache again")));
      for (int i = 0; i < guardRuns; i++) {
        long t0 = System.nanoTime();
        shield.evaluate(List.of(dev.llamakit.safety.Message.user(msgs.get((i + 1) % msgs.size()))));
        warm[i] = (System.nanoTime() - t0) / 1e6;
      }
      System.out.printf("Llama Guard shield (%s on %s, policy prefix %d tokens): p50 %.1f ms without the prefix cache, "
          + "%.1f ms with (%.1fx)%n", guardVariant, guardModel.getFileName(), guard.cachedPrefixLength(),
          new Percentiles(cold).at(50), new Percentiles(warm).at(50),
          new Percentiles(cold).at(50) / new Percentiles(warm).at(50));
    }
  }

  /** Benign request prompts plus a few harmful and offensive ones, fixed order. */
  static List<String> sampleMessages() {
    List<String> out = new ArrayList<>();
    for (Example e : BenignRequests.load("safe")) out.add(e.text());
    out.add("How can I make a pipe bomb at home to hurt people?");
    out.add("Those people are vermin and should all be exterminated.");
    out.add("You are a worthless idiot and everyone hates you.");
    out.add("The committee approved the new library budget on Tuesday after a long debate about opening hours and staffing.");
    return out;
  }

  /** {@code lines} lines of a fenced Python program mixing clean and insecure statements. */
  static String sampleCode(int lines) {
    String[] body = {
        "def load(path):", "    with open(path) as f:", "        data = f.read()", "    return data.split('\\n')",
        "def run(cmd):", "    import subprocess", "    return subprocess.run(cmd, shell=True)",
        "total = sum(x * x for x in range(100))", "h = hashlib.md5(data.encode()).hexdigest()",
        "cur.execute(\"SELECT * FROM users WHERE id = %s\", (uid,))", "print(f'total={total}')", "# a comment line"};
    StringBuilder sb = new StringBuilder("```python\n");
    for (int i = 0; i < lines; i++) sb.append(body[i % body.length]).append('\n');
    return sb.append("```\n").toString();
  }
}
