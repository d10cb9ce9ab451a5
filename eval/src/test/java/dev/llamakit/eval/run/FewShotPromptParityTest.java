package dev.llamakit.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.data.ArcLoader;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.FewShotSampler;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planned prompts and shots equal lm-eval's on the test fixture: the golden file is written by CPython's random module
 * following lm-eval's sampling semantics ({@code eval/tools/make_fewshot_prompt_golden.py}; lm-eval itself cannot be
 * installed offline here).
 */
class FewShotPromptParityTest {
  @TempDir Path tmp;

  static final ModelIdentity MODEL = new ModelIdentity("m.gguf", "0".repeat(64));

  private JsonNode golden() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("fewshot-prompt-golden.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<String> contexts(TaskPlan plan) {
    return plan.all().stream().map(PlannedDoc::context).toList();
  }

  @Test
  void gsm8kPromptsEqualLmEvalsByteForByteAndLimitKeepsThePrefix() throws Exception {
    Path data = FixtureData.build(tmp.resolve("data"));
    List<String> expected = new ArrayList<>();
    golden().get("gsm8k").forEach(p -> expected.add(p.asText()));
    assertEquals(4, expected.size());
    Task gsm8k = TaskRegistry.builtIn().get("gsm8k");
    assertEquals(expected, contexts(TaskPlan.of(gsm8k, data, RunSettings.defaults(), MODEL)));
    // lm-eval's --limit 2 consumes the first two draws of the same stream
    assertEquals(expected.subList(0, 2),
        contexts(TaskPlan.of(gsm8k, data, RunSettings.defaults().withLimit(2), MODEL)));
  }

  @Test
  void arcShotsFromItsOwnSplitEqualLmEvals() throws Exception {
    Path data = FixtureData.build(tmp.resolve("data"));
    List<Doc> docs = new ArcLoader().load(data.resolve("arc/arc_challenge.jsonl"), "test");
    assertEquals(40, docs.size());
    FewShotSampler sampler = new FewShotSampler("random", docs, true, 1234);
    JsonNode expected = golden().get("arc_challenge_shots");
    Task arc = TaskRegistry.builtIn().get("arc_challenge");
    List<String> contexts = contexts(TaskPlan.of(arc, data, RunSettings.defaults(), MODEL));
    for (int i = 0; i < docs.size(); i++) {
      List<Integer> want = new ArrayList<>();
      expected.get(i).forEach(x -> want.add(x.asInt()));
      List<Doc> shots = sampler.next(docs.get(i), 25);
      assertEquals(want, shots.stream().map(Doc::index).toList(), "arc doc " + i);
      assertEquals(arc.context(docs.get(i), shots), contexts.get(i), "planned prompt of arc doc " + i);
    }
  }
}
