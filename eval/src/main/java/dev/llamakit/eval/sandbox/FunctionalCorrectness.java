package dev.llamakit.eval.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.data.DataFormatException;
import dev.llamakit.eval.data.HumanEvalLoader;
import dev.llamakit.eval.data.Jsonl;
import dev.llamakit.eval.extract.HumanEvalProgram;
import dev.llamakit.eval.metric.PassAtK;
import dev.llamakit.eval.run.AtomicFiles;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * openai/human-eval's {@code evaluate_functional_correctness}: runs every {@code {task_id, completion}} sample of a
 * samples JSONL against its problem, writes {@code <samples>_results.jsonl} (each sample plus {@code result} and
 * {@code passed}) and returns pass@k averaged over problems, for each k that every problem has samples for.
 */
public final class FunctionalCorrectness {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FunctionalCorrectness() {}

  /** The pass@k figures and where the per-sample results went. */
  public record Report(Map<String, Double> passAtK, Path resultsFile, int samples) {}

  /**
   * A samples file checked against its problems: one program per sample, in file order.
   *
   * @param problems the problems scored: all of them, or with {@code allowMissing} only those with a sample
   * @param missing ids of the problems without a sample (empty unless {@code allowMissing})
   */
  public record Samples(Path problemsFile, Path samplesFile, Map<String, Doc> problems, List<Jsonl.Row> rows,
      List<String> programs, List<String> missing) {}

  /**
   * Reads and checks {@code samplesFile} against {@code problemsFile} before anything runs: every line a
   * {@code {task_id, completion}} object for a known problem, every problem attempted. A defect is a
   * {@link DataFormatException} naming {@code file:line} and the field.
   */
  public static Samples read(Path problemsFile, Path samplesFile) {
    return read(problemsFile, samplesFile, false);
  }

  /**
   * {@link #read(Path, Path)}, but with {@code allowMissing} a subset of the problems may be attempted (human-eval's
   * {@code ignore_incomplete}): pass@k is then averaged over the attempted problems only, and
   * {@link Samples#missing()} names the others.
   */
  public static Samples read(Path problemsFile, Path samplesFile, boolean allowMissing) {
    Map<String, Doc> problems = new LinkedHashMap<>();
    for (Doc d : HumanEvalLoader.problems(problemsFile)) {
      problems.put(d.id(), d);
    }
    if (problems.isEmpty()) {
      throw new DataFormatException(problemsFile, 0, "no problems");
    }
    List<Jsonl.Row> samples = Jsonl.read(samplesFile);
    List<String> programs = new ArrayList<>(samples.size());
    java.util.Set<String> attempted = new java.util.HashSet<>();
    for (Jsonl.Row s : samples) {
      String id = Jsonl.string(s, "task_id", samplesFile);
      String completion = Jsonl.string(s, "completion", samplesFile);
      Doc p = problems.get(id);
      if (p == null) {
        throw new DataFormatException(samplesFile, s.line(), "field 'task_id': '" + id + "' is not a problem of "
            + problemsFile);
      }
      attempted.add(id);
      programs.add(HumanEvalProgram.program(p, completion));
    }
    List<String> missing = problems.keySet().stream().filter(id -> !attempted.contains(id)).toList();
    if (!missing.isEmpty() && !allowMissing) {
      throw new DataFormatException(samplesFile, 0, missing.size() + " problems of " + problemsFile
          + " have no sample (human-eval requires every problem to be attempted; --allow-missing scores the "
          + "attempted ones only), e.g. " + missing.getFirst());
    }
    missing.forEach(problems::remove);
    return new Samples(problemsFile, samplesFile, problems, samples, programs, missing);
  }

  /** Evaluates {@code samplesFile} against {@code problemsFile} with {@code sandbox}. */
  public static Report evaluate(Path problemsFile, Path samplesFile, List<Integer> ks, Sandbox sandbox) {
    return evaluate(read(problemsFile, samplesFile), ks, sandbox);
  }

  /** Runs every program of {@code samples} in {@code sandbox}; writes the per-sample results; returns pass@k. */
  public static Report evaluate(Samples samples, List<Integer> ks, Sandbox sandbox) {
    List<ExecutionResult> results = sandbox.runAll(samples.programs());
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String id : samples.problems().keySet()) {
      counts.put(id, new int[2]);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < samples.rows().size(); i++) {
      ObjectNode s = samples.rows().get(i).json().deepCopy();
      ExecutionResult r = results.get(i);
      s.put("result", r.result());
      s.put("passed", r.passed());
      out.append(s).append('\n');
      int[] c = counts.get(s.get("task_id").asText());
      c[0]++;
      c[1] += r.passed() ? 1 : 0;
    }
    Path samplesFile = samples.samplesFile();
    Path resultsFile = samplesFile.resolveSibling(samplesFile.getFileName() + "_results.jsonl");
    AtomicFiles.write(resultsFile, out.toString());
    Map<String, Double> pass = new LinkedHashMap<>();
    for (int k : ks) {
      if (counts.values().stream().allMatch(c -> c[0] >= k)) {
        pass.put("pass@" + k, counts.values().stream().mapToDouble(c -> PassAtK.estimate(c[0], c[1], k)).average()
            .orElse(Double.NaN));
      }
    }
    return new Report(pass, resultsFile, samples.rows().size());
  }

  /** The pass@k map as JSON, e.g. {@code {"pass@1": 0.5}}. */
  public static String json(Map<String, Double> passAtK) {
    return JSON.valueToTree(passAtK).toString();
  }
}
