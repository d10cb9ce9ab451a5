package dev.llamakit.eval.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.ChatPrompt;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.EngineRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on the real engine with stories260K (real trained weights; scores near chance are expected). */
class EngineLanguageModelTest {
  static Path model() {
    return SharedFiles.require("models/stories260K/stories260K-f32.gguf");
  }

  @Test
  void loglikelihoodIsTheSumOfNextTokenLogProbsOfTheTail() throws Exception {
    Path m = model();
    try (LanguageModel lm = new EngineModelProvider().open(m, Map.of("threads", "1"));
        LlamaEngine ref = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1))) {
      Tokenizer tok = Tokenizer.fromGguf(ref.model().metadata().orElseThrow());
      String context = "Once upon a time, there was a little";
      List<String> conts = List.of(" girl", " dog named Tim", " tree");
      List<Loglikelihood> got = lm.loglikelihood(List.of(new LoglikelihoodRequest(context, conts))).getFirst();
      int[] ctx = tok.encode(context, true, false);
      for (int i = 0; i < conts.size(); i++) {
        int[] whole = tok.encode(context + conts.get(i), true, false);
        double sum = 0;
        boolean greedy = true;
        for (int p = ctx.length; p < whole.length; p++) {
          int[] prefix = p == ctx.length ? ctx : concat(ctx, Arrays.copyOfRange(whole, ctx.length, p));
          double[] lp = ref.nextTokenLogProbs(prefix);
          sum += lp[whole[p]];
          int arg = 0;
          for (int v = 1; v < lp.length; v++) {
            if (lp[v] > lp[arg]) {
              arg = v;
            }
          }
          greedy &= arg == whole[p];
        }
        assertEquals(sum, got.get(i).logprob(), 1e-4, conts.get(i)); // batched vs token-by-token float32 sums
        assertEquals(greedy, got.get(i).greedy(), conts.get(i));
        assertTrue(got.get(i).logprob() < 0);
      }
    }
  }

  @Test
  void generationIsDeterministicAndCutAtTheStopString() throws Exception {
    try (LanguageModel lm = new EngineModelProvider().open(model(), Map.of("threads", "1"))) {
      GenerationRequest greedy = new GenerationRequest("Once upon a time", List.of("."), 64, 0, 1, 0);
      String a = lm.generateUntil(List.of(greedy)).getFirst();
      assertEquals(a, lm.generateUntil(List.of(greedy)).getFirst());
      assertFalse(a.contains("."), a);
      assertFalse(a.isEmpty());
      GenerationRequest sampled = new GenerationRequest("Once upon a time", List.of(), 24, 0.9, 0.95, 7);
      assertEquals(lm.generateUntil(List.of(sampled)), lm.generateUntil(List.of(sampled)), "same seed, same text");
      double roll = lm.loglikelihoodRolling(List.of("Once upon a time there was a cat.")).getFirst();
      assertTrue(roll < 0 && Double.isFinite(roll));
    }
  }

  /** {@code eval run} end to end on the engine: every task, two documents each, lm-eval-shaped results. */
  @Test
  void evalRunOnStories260K(@TempDir Path dir) throws Exception {
    Path data = SharedFiles.require("data/benchmarks");
    Path out = dir.resolve("run");
    EngineRuns.run("mmlu,arc_easy,gsm8k_cot,humaneval", data, out, EngineRuns.settings().withLimit(2).withMaxGenToks(32));
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    for (String task : List.of("arc_easy", "gsm8k_cot", "humaneval")) {
      assertTrue(results.at("/results/" + task).isObject(), task + " in " + results.get("results"));
    }
    assertTrue(results.at("/results/mmlu").isObject() || results.at("/groups/mmlu").isObject());
    double acc = results.at("/results/arc_easy").get("acc,none").asDouble();
    assertTrue(acc >= 0 && acc <= 1);
    assertTrue(Files.exists(out.resolve("summary.md")));
  }

  /**
   * {@code eval run --tasks piqa,hellaswag,winogrande,boolq,openbookqa} end to end on the engine over the hand-written fixtures in the
   * original release layouts; without the data the run fails in one line naming the missing file.
   */
  @Test
  void commonsenseTasksRunOnStories260K(@TempDir Path dir) throws Exception {
    Path data = dev.llamakit.eval.testing.FixtureData.handWritten();
    Path out = dir.resolve("run");
    EngineRuns.run("piqa,hellaswag,winogrande,boolq,openbookqa", data, out, EngineRuns.settings());
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    Map<String, Integer> sizes = Map.of("piqa", 3, "hellaswag", 3, "winogrande", 3, "boolq", 2, "openbookqa", 2);
    for (String task : sizes.keySet()) {
      JsonNode r = results.at("/results/" + task);
      for (String metric : List.of("winogrande", "boolq").contains(task) ? List.of("acc,none") : List.of("acc,none", "acc_norm,none")) {
        double v = r.get(metric).asDouble(-1);
        assertTrue(v >= 0 && v <= 1, task + " " + metric + " in " + r);
      }
      assertEquals(sizes.get(task), results.at("/n-samples/" + task + "/effective").asInt(), task);
      assertEquals(0, results.at("/n-shot/" + task).asInt(), task);
    }
    List<String> piqa = Files.readAllLines(out.resolve("samples_piqa.jsonl"));
    assertEquals(3, piqa.size());
    JsonNode first = new ObjectMapper().readTree(piqa.getFirst());
    assertEquals("Question: To keep a candle from dripping onto the table,\nAnswer:",
        first.at("/arguments/0/0").asText());
    assertEquals(2, first.get("resps").size());
    JsonNode wino = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_winogrande.jsonl")).getFirst());
    assertEquals("Maria lent her umbrella to Jenny because Jenny", wino.at("/arguments/1/0").asText());
    assertEquals(" was walking home in the rain.", wino.at("/arguments/1/1").asText());
    assertEquals(2, wino.get("resps").size());

    // without the data: one line naming what is missing
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.createDirectories(empty.resolve("piqa"));
    Exception e = assertThrows(Exception.class, () -> EngineRuns.run("piqa", empty, dir.resolve("run2"), EngineRuns.settings()));
    assertTrue(e.getMessage().contains("piqa/valid.jsonl: file not found"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  /**
   * With a 64-token window, documents whose prompt does not fit are cut and counted: each record's {@code truncated}
   * equals an independent count (context + continuation tokens beyond the window, or prompt beyond the window minus
   * the generation budget), and results.json totals them per task.
   */
  @Test
  void promptsCutToFitTheWindowAreCountedPerDocumentAndTask(@TempDir Path dir) throws Exception {
    Path data = SharedFiles.require("data/benchmarks");
    Path out = dir.resolve("run");
    int window = 64;
    int gen = 16;
    EngineRuns.run("arc_easy,gsm8k_cot", data, out, EngineRuns.settings().withNumFewshot(0).withLimit(6).withMaxGenToks(gen),
        "ctx=" + window);
    Tokenizer tok;
    try (LlamaEngine ref = LlamaEngine.load(model(), ModelOptions.defaults().withThreads(1))) {
      tok = Tokenizer.fromGguf(ref.model().metadata().orElseThrow());
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode results = json.readTree(out.resolve("results.json").toFile());
    int total = 0;
    for (String task : List.of("arc_easy", "gsm8k_cot")) {
      int cut = 0;
      for (String line : Files.readAllLines(out.resolve("samples_" + task + ".jsonl"))) {
        JsonNode r = json.readTree(line);
        boolean want = false;
        for (JsonNode arg : r.get("arguments")) {
          want |= arg.isArray()
              ? tok.encode(arg.get(0).asText() + arg.get(1).asText(), true, false).length > window
              : tok.encode(arg.get("arg_0").asText(), true, false).length > window - gen;
        }
        assertEquals(want, r.get("truncated").asBoolean(), task + " doc " + r.get("doc_id"));
        cut += want ? 1 : 0;
      }
      assertEquals(6, results.at("/truncation/" + task + "/documents").asInt());
      assertEquals(cut, results.at("/truncation/" + task + "/truncated").asInt(), task);
      total += cut;
    }
    assertTrue(total > 0, "a 64-token window cuts some 0-shot prompts");
  }

  /**
   * {@code --apply-chat-template --fewshot-as-multiturn --system-instruction} on the engine: each context is the
   * conversation rendered by the chosen template, choices follow it with no delimiter, and the log-likelihoods are
   * those of the rendered text tokenized with special tokens parsed.
   */
  @Test
  void chatTemplatePromptsAreRenderedAndScored(@TempDir Path dir) throws Exception {
    Path data = SharedFiles.require("data/benchmarks");
    Path out = dir.resolve("run");
    EngineRuns.run("arc_easy", data, out, EngineRuns.settings().withNumFewshot(1).withLimit(2)
        .withPromptStyle(new ChatPrompt.Style(true, true, "Answer well.")), "chat_template=llama2-sys");
    ObjectMapper json = new ObjectMapper();
    JsonNode results = json.readTree(out.resolve("results.json").toFile());
    assertTrue(results.at("/config/apply_chat_template").asBoolean());
    assertTrue(results.at("/config/fewshot_as_multiturn").asBoolean());
    assertEquals("Answer well.", results.at("/config/system_instruction").asText());
    var template = dev.llamakit.engine.chat.ChatTemplate.byName("llama2-sys");
    try (LlamaEngine ref = LlamaEngine.load(model(), ModelOptions.defaults().withThreads(1))) {
      Tokenizer tok = Tokenizer.fromGguf(ref.model().metadata().orElseThrow());
      for (String line : Files.readAllLines(out.resolve("samples_arc_easy.jsonl"))) {
        JsonNode r = json.readTree(line);
        JsonNode first = r.get("arguments").get(0);
        String context = first.get(0).asText();
        assertTrue(context.startsWith("[INST] <<SYS>>\nAnswer well.\n<</SYS>>\n\nQuestion: "), context);
        assertTrue(context.endsWith("\nAnswer: [/INST]") || context.endsWith("\nAnswer:[/INST]"), context);
        assertTrue(context.contains("[/INST]") && context.indexOf("[INST]", 1) > 0, "the shot is its own turn");
        for (int j = 0; j < r.get("arguments").size(); j++) {
          String cont = r.get("arguments").get(j).get(1).asText();
          assertEquals(r.at("/doc/choices/" + j).asText(), cont, "no target delimiter before a choice");
          int[] ctx = tok.encode(context, true, true);
          int[] whole = tok.encode(context + cont, true, true);
          int[] tail = Arrays.copyOfRange(whole, ctx.length, whole.length);
          int window = ref.model().contextLength(); // 128: the 1-shot conversation is cut to its last tokens
          if (ctx.length + tail.length > window) {
            ctx = Arrays.copyOfRange(ctx, ctx.length + tail.length - window, ctx.length);
            assertTrue(r.get("truncated").asBoolean());
          }
          double want = ref.loglikelihood(ctx, tail).sumLogprob();
          assertEquals(want, r.get("resps").get(j).get(0).asDouble(), 1e-4);
        }
      }
    }
    assertTrue(template.render(List.of(dev.llamakit.engine.chat.Message.user("x")), true).startsWith("[INST]"));
  }

  static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
