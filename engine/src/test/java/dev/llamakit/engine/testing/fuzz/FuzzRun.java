package dev.llamakit.engine.testing.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A seeded, bounded fuzz run of one parser against its contract: every mutant is either <em>accepted</em> or
 * <em>rejected</em> with the module's own exception whose message names the file; anything else (another exception,
 * an {@link Error} such as {@code OutOfMemoryError} or {@code StackOverflowError}, or no answer within the per-input
 * timeout) is a contract violation. Each violating input is kept under {@code target/fuzz-failures/} so it can become
 * a regression test.
 *
 * <p>In the normal suite a run lasts a few seconds ({@code -Dllamakit.fuzz.seconds}, default 3); the long local mode
 * runs a fixed number of inputs instead: {@code ./build -pl engine test -Dtest='*FuzzTest' -Dllamakit.fuzz.inputs=10000}.
 * The seed is {@code -Dllamakit.fuzz.seed} (default 20261207), so every run is reproducible.
 *
 * <pre>{@code
 * FuzzRun.of("gguf", ".gguf", List.of(Files.readAllBytes(model)))
 *     .rejectsWith(GgufFormatException.class)
 *     .run(file -> GgufFile.open(file).close())
 *     .assertContract();
 * }</pre>
 */
public final class FuzzRun {
  /** The parser under test: reads {@code file}; returns normally when it accepts it. */
  @FunctionalInterface
  public interface Target {
    void parse(Path file) throws Exception;
  }

  /** The figures of one run, printed to stdout as one line. */
  public record Report(String name, long seed, int inputs, int accepted, int rejected, List<String> violations) {
    @Override
    public String toString() {
      return "fuzz " + name + ": " + inputs + " inputs (seed " + seed + "): " + accepted + " accepted, " + rejected
          + " rejected, " + violations.size() + " contract violations";
    }

    /** Fails the test listing the first violations, with the paths of their saved inputs. */
    public Report assertContract() {
      if (!violations.isEmpty()) {
        fail(this + "\n" + String.join("\n", violations.subList(0, Math.min(10, violations.size()))));
      }
      return this;
    }
  }

  private final String name;
  private final String suffix;
  private final List<byte[]> seeds;
  private final List<Class<? extends Exception>> rejections = new ArrayList<>();
  private Predicate<String> namesFile;
  private long timeoutMillis = 10_000;

  private FuzzRun(String name, String suffix, List<byte[]> seeds) {
    this.name = name;
    this.suffix = suffix;
    this.seeds = seeds;
  }

  /** A run named {@code name} (used in file names and the report) over mutants of {@code seeds}. */
  public static FuzzRun of(String name, String suffix, List<byte[]> seeds) {
    return new FuzzRun(name, suffix, seeds);
  }

  /** The exception types that count as a clean rejection (their message must name the file). */
  @SafeVarargs
  public final FuzzRun rejectsWith(Class<? extends Exception>... types) {
    rejections.addAll(List.of(types));
    return this;
  }

  /** The longest a single input may take before it counts as a hang (default 10 s). */
  public FuzzRun timeoutMillis(long millis) {
    this.timeoutMillis = millis;
    return this;
  }

  /** Overrides the check that a rejection's message names the file (default: contains the file's name). */
  public FuzzRun messageCheck(Predicate<String> check) {
    this.namesFile = check;
    return this;
  }

  /** Runs the mutants through {@code target}: a fixed count in long mode, else for the time budget. */
  public Report run(Target target) throws IOException {
    long seed = Long.getLong("llamakit.fuzz.seed", 20261207L);
    int fixedInputs = Integer.getInteger("llamakit.fuzz.inputs", 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("llamakit.fuzz.seconds", 3L));
    Mutator mutator = new Mutator(seed ^ name.hashCode(), seeds);
    Path dir = Files.createTempDirectory("fuzz-" + name);
    Path failures = Path.of("target", "fuzz-failures");
    int inputs = 0;
    int accepted = 0;
    int rejected = 0;
    List<String> violations = new ArrayList<>();
    ExecutorService worker = newWorker();
    try {
      while (fixedInputs > 0 ? inputs < fixedInputs : System.nanoTime() < deadline) {
        byte[] input = mutator.next();
        Path file = dir.resolve(name + "-" + inputs + suffix);
        Files.write(file, input);
        inputs++;
        Future<?> f = worker.submit(() -> {
          target.parse(file);
          return null;
        });
        String violation = null;
        try {
          f.get(timeoutMillis, TimeUnit.MILLISECONDS);
          accepted++;
        } catch (TimeoutException e) {
          f.cancel(true);
          worker.shutdownNow();
          worker = newWorker();
          violation = "hang (> " + timeoutMillis + " ms)";
        } catch (ExecutionException e) {
          Throwable t = e.getCause();
          if (isCleanRejection(t, file)) {
            rejected++;
          } else {
            violation = describe(t);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("fuzz run interrupted", e);
        }
        if (violation != null) {
          Files.createDirectories(failures);
          Path kept = failures.resolve(file.getFileName());
          Files.write(kept, input);
          violations.add(kept + ": " + violation);
        }
        Files.deleteIfExists(file);
      }
    } finally {
      worker.shutdownNow();
      Files.deleteIfExists(dir);
    }
    Report report = new Report(name, seed, inputs, accepted, rejected, List.copyOf(violations));
    System.out.println(report);
    return report;
  }

  private boolean isCleanRejection(Throwable t, Path file) {
    if (rejections.stream().noneMatch(c -> c.isInstance(t))) return false;
    String message = String.valueOf(t.getMessage());
    return namesFile != null ? namesFile.test(message) : message.contains(file.getFileName().toString());
  }

  private static String describe(Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String[] lines = trace.toString().split("\n");
    return String.join("\n    ", java.util.Arrays.copyOf(lines, Math.min(6, lines.length)));
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-target");
      t.setDaemon(true);
      return t;
    });
  }
}
