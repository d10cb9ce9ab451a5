package dev.llamakit.eval.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.testing.EngineRuns;
import dev.llamakit.eval.testing.FixtureData;
import dev.llamakit.eval.testing.SandboxSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llamakit eval run} with minerva_math, hendrycks_math, triviaqa, nq_open, mbpp, mbpp_plus, mbpp_plus_extended and humaneval_plus end to end on the
 * engine (stories260K, real weights; scores near zero are expected) over the hand-written fixtures; without the data a
 * run fails in one line naming what it looked for.
 */
class MathQaCodeEngineTest {
  static int run(Path data, Path out, StringWriter err, String tasks, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--tasks", tasks, "--data", data.toString(), "-o",
        out.toString(), "--max-gen-toks", "24"));
    args.addAll(List.of(more));
    return EngineRuns.run(err, args.toArray(String[]::new));
  }

  @Test
  void mathAndQaTasksRunOnStories260K(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    StringWriter err = new StringWriter();
    assertEquals(0, run(FixtureData.handWritten(), out, err, "minerva_math,hendrycks_math,triviaqa,nq_open"), err.toString());
    JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    double em = r.at("/groups/minerva_math").get("exact_match,none").asDouble(-1);
    assertTrue(em >= 0 && em <= 1, r.toString());
    assertEquals(2, r.at("/n-samples/minerva_math_algebra/effective").asInt());
    assertEquals(4, r.at("/n-shot/minerva_math_algebra").asInt());
    double hm = r.at("/groups/hendrycks_math").get("exact_match,none").asDouble(-1);
    assertTrue(hm >= 0 && hm <= 1, r.toString());
    for (String t : List.of("triviaqa", "nq_open")) {
      double v = r.at("/results/" + t).get("exact_match,remove_whitespace").asDouble(-1);
      assertTrue(v >= 0 && v <= 1, t + " in " + r.get("results"));
    }
    JsonNode rec = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_triviaqa.jsonl")).getFirst());
    assertEquals("Question: Which planet in our solar system is known as the Red Planet?\nAnswer:",
        rec.at("/arguments/0/arg_0").asText());
    String resp = rec.at("/resps/0").asText();
    assertTrue(!resp.contains("\n") && !resp.contains(".") && !resp.contains(","), resp); // cut at lm-eval's stops
  }

  @Test
  void codeTasksRunOnStories260K(@TempDir Path dir) throws Exception {
    SandboxSupport.assumeIsolation();
    Path out = dir.resolve("run");
    StringWriter err = new StringWriter();
    assertEquals(0, run(FixtureData.handWritten(), out, err, "mbpp,mbpp_plus,mbpp_plus_extended,humaneval_plus"), err.toString());
    JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    Map<String, String> keys = Map.of("mbpp", "pass_at_1,none", "mbpp_plus", "pass_at_1,none", "mbpp_plus_extended", "pass_at_1,none",
        "humaneval_plus", "pass@1,create_test");
    keys.forEach((t, k) -> {
      double v = r.at("/results/" + t).get(k).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, t + " in " + r.get("results"));
      assertEquals(2, r.at("/n-samples/" + t + "/effective").asInt(), t);
    });
  }

  @Test
  void missingDataIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    for (String t : List.of("minerva_math", "triviaqa", "humaneval_plus", "mbpp_plus")) {
      StringWriter err = new StringWriter();
      assertEquals(1, run(empty, dir.resolve("o-" + t), err, t), err.toString());
      String expect = switch (t) {
        case "minerva_math" -> "MATH";
        case "triviaqa" -> "triviaqa/qa";
        case "humaneval_plus" -> "humaneval_plus/HumanEvalPlus.jsonl";
        default -> "mbpp_plus/MbppPlus.jsonl";
      };
      assertTrue(err.toString().contains("not found; looked for") && err.toString().contains(expect), err.toString());
    }
    Files.createDirectories(empty.resolve("MATH/test/algebra"));
    StringWriter err = new StringWriter();
    assertEquals(1, run(empty, dir.resolve("o-math2"), err, "minerva_math"), err.toString());
    assertTrue(err.toString().contains("MATH/test/counting_and_probability: folder not found"), err.toString());
  }
}
