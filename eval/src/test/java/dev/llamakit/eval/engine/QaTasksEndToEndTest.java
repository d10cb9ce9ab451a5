package dev.llamakit.eval.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.testing.EngineRuns;
import dev.llamakit.eval.testing.FixtureData;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llamakit eval run} of siqa, mmlu_pro, the gpqa flavours and the ARC generation variants on the engine with
 * stories260K (real weights, near-chance scores expected): over the hand-written fixtures, and ARC over the shared
 * data with the Llama 3 chat template and its gen_prefix.
 */
class QaTasksEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode run(Path out, String... args) throws Exception {
    List<String> a = new java.util.ArrayList<>(List.of("-o", out.toString(), "--max-gen-toks", "8"));
    a.addAll(List.of(args));
    StringWriter err = new StringWriter();
    assertEquals(0, EngineRuns.run(err, a.toArray(String[]::new)), err.toString());
    return JSON.readTree(out.resolve("results.json").toFile());
  }

  @Test
  void fixtureTasksRunAndAggregate(@TempDir Path dir) throws Exception {
    JsonNode results = run(dir.resolve("run"), "--tasks",
        "siqa,mmlu_pro,gpqa_main_zeroshot,gpqa_main_cot_zeroshot", "--data", FixtureData.handWritten().toString());
    Map<String, String> metric = Map.of("siqa", "acc,none", "gpqa_main_zeroshot", "acc_norm,none",
        "gpqa_main_cot_zeroshot", "exact_match,strict-match", "mmlu_pro_math", "exact_match,custom-extract",
        "mmlu_pro_computer_science", "exact_match,custom-extract");
    Map<String, Integer> sizes = Map.of("siqa", 3, "gpqa_main_zeroshot", 4, "gpqa_main_cot_zeroshot", 4,
        "mmlu_pro_math", 2, "mmlu_pro_computer_science", 1);
    for (String task : metric.keySet()) {
      double v = results.at("/results/" + task).get(metric.get(task)).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, task + " in " + results.at("/results/" + task));
      assertEquals(sizes.get(task), results.at("/n-samples/" + task + "/effective").asInt(), task);
    }
    // the mmlu_pro group: size-weighted over its subtasks, as lm-eval's weight_by_size
    JsonNode group = results.at("/groups/mmlu_pro");
    double math = results.at("/results/mmlu_pro_math").get("exact_match,custom-extract").asDouble();
    double cs = results.at("/results/mmlu_pro_computer_science").get("exact_match,custom-extract").asDouble();
    assertEquals((2 * math + cs) / 3, group.get("exact_match,custom-extract").asDouble(), 1e-12, group.toString());
    assertEquals(List.of("mmlu_pro_math", "mmlu_pro_computer_science"),
        JSON.convertValue(results.at("/group_subtasks/mmlu_pro"), List.class));
    assertEquals(5, results.at("/n-shot/mmlu_pro_math").asInt(5), "5 shots");
    JsonNode first = JSON.readTree(Files.readAllLines(dir.resolve("run/samples_mmlu_pro.jsonl")).getFirst());
    assertTrue(first.at("/arguments/0/arg_0").asText().endsWith("J. 45\nAnswer: Let's think step by step."),
        first.at("/arguments/0/arg_0").asText());

    // the Open LLM Leaderboard flavours
    JsonNode lb = run(dir.resolve("run-lb"), "--tasks", "leaderboard_mmlu_pro,leaderboard_gpqa_main", "--data",
        FixtureData.handWritten().toString());
    assertEquals(3, lb.at("/n-samples/leaderboard_mmlu_pro/effective").asInt());
    assertTrue(lb.at("/results/leaderboard_mmlu_pro").has("acc,none"), lb.at("/results").toString());
    assertTrue(lb.at("/results/leaderboard_gpqa_main").has("acc_norm,none"), lb.at("/results").toString());

    // gpqa n-shot with 2 shots from the same file
    JsonNode nshot = run(dir.resolve("run2"), "--tasks", "gpqa_main_n_shot", "--num-fewshot", "2", "--data",
        FixtureData.handWritten().toString());
    assertEquals(4, nshot.at("/n-samples/gpqa_main_n_shot/effective").asInt());
    assertEquals(2, nshot.at("/n-shot/gpqa_main_n_shot").asInt());

    // without the data: one line naming the missing file
    Path empty = Files.createDirectories(dir.resolve("empty/gpqa"));
    StringWriter err = new StringWriter();
    int code = EngineRuns.run(err, "--tasks", "gpqa_main_zeroshot", "--data", empty.getParent().toString(), "-o",
        dir.resolve("run3").toString());
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains("gpqa/gpqa_main.csv: file not found"), err.toString());
  }

  @Test
  void arcGenerationVariantsWithTheLlama3ChatTemplate(@TempDir Path dir) throws Exception {
    Path data = SharedFiles.require("data/benchmarks");
    JsonNode results = run(dir.resolve("run"), "--tasks", "arc_challenge_chat,arc_challenge_llama", "--data",
        data.toString(), "--limit", "3", "--apply-chat-template", "--model-arg", "chat_template=llama3");
    assertTrue(results.at("/config/apply_chat_template").asBoolean());
    for (String task : List.of("arc_challenge_chat", "arc_challenge_llama")) {
      String key = task.equals("arc_challenge_chat") ? "exact_match,remove_whitespace" : "exact_match,strict_match";
      double v = results.at("/results/" + task).get(key).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, task + " in " + results.at("/results/" + task));
      for (String line : Files.readAllLines(dir.resolve("run/samples_" + task + ".jsonl"))) {
        JsonNode r = JSON.readTree(line);
        String ctx = r.at("/arguments/0/arg_0").asText();
        assertTrue(ctx.startsWith("<|start_header_id|>user<|end_header_id|>\n\nGiven the following question"), ctx);
        assertTrue(ctx.endsWith("where the [the_answer_letter] is one of A, B, C or D.<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nThe best answer is"), ctx);
        assertTrue(r.at("/target").asText().matches("[A-E]"), r.toString());
      }
    }
  }

  @Test
  void llamaVariantsRunWithTheLlama3ChatTemplateMultiturn(@TempDir Path dir) throws Exception {
    Path data = FixtureData.build(dir.resolve("data"));
    Files.writeString(Files.createDirectories(data.resolve("mmlu_pro")).resolve("test.jsonl"),
        Files.readString(FixtureData.handWritten().resolve("mmlu_pro/test.jsonl")));
    Files.writeString(data.resolve("mmlu_pro/validation.jsonl"),
        Files.readString(FixtureData.handWritten().resolve("mmlu_pro/validation.jsonl")));
    JsonNode results = run(dir.resolve("run"), "--tasks", "mmlu_llama,mmlu_pro_llama,gsm8k_cot_llama,gsm8k_llama",
        "--data", data.toString(), "--limit", "1", "--apply-chat-template", "--fewshot-as-multiturn",
        "--model-arg", "chat_template=llama3");
    assertTrue(results.at("/config/fewshot_as_multiturn").asBoolean());
    for (String[] t : new String[][] {{"mmlu_llama_anatomy", "exact_match,strict_match"},
        {"mmlu_pro_llama_math", "exact_match,strict_match"}, {"gsm8k_cot_llama", "exact_match,strict-match"},
        {"gsm8k_llama", "exact_match,flexible_extract"}}) {
      double v = results.at("/results/" + t[0]).get(t[1]).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, t[0] + " in " + results.at("/results/" + t[0]));
    }
    assertTrue(results.at("/groups/mmlu_llama_stem").has("exact_match,strict_match"), results.at("/groups").toString());
    assertTrue(results.at("/groups/mmlu_pro_llama").has("exact_match,strict_match"), results.at("/groups").toString());
    JsonNode r = JSON.readTree(Files.readAllLines(dir.resolve("run/samples_mmlu_llama.jsonl")).getFirst());
    String ctx = r.at("/arguments/0/arg_0").asText();
    assertEquals(6, ctx.split("<\\|start_header_id\\|>user", -1).length - 1, "5 shots and the question, a turn each");
    assertTrue(ctx.endsWith("<|start_header_id|>assistant<|end_header_id|>\n\nThe best answer is"), ctx);
    assertTrue(ctx.contains("<|start_header_id|>assistant<|end_header_id|>\n\nThe best answer is B.<|eot_id|>"),
        "the first abstract_algebra dev row's answer as an assistant turn: " + ctx);
  }

  @Test
  void remainingGpqaFlavoursAndMmluCotLlamaRun(@TempDir Path dir) throws Exception {
    Path fixtures = FixtureData.handWritten();
    JsonNode zero = run(dir.resolve("run"), "--tasks", "gpqa_diamond_zeroshot,gpqa_diamond_cot_zeroshot,"
        + "leaderboard_gpqa_diamond", "--data", fixtures.toString());
    for (String[] t : new String[][] {{"gpqa_diamond_zeroshot", "acc,none"},
        {"gpqa_diamond_cot_zeroshot", "exact_match,flexible-extract"}, {"leaderboard_gpqa_diamond", "acc_norm,none"}}) {
      assertEquals(2, zero.at("/n-samples/" + t[0] + "/effective").asInt(), t[0]);
      assertTrue(zero.at("/results/" + t[0]).has(t[1]), zero.at("/results/" + t[0]).toString());
    }
    JsonNode nshot = run(dir.resolve("run2"), "--tasks", "gpqa_diamond_n_shot,gpqa_main_cot_n_shot,"
        + "gpqa_main_generative_n_shot,gpqa_diamond_cot_n_shot,gpqa_diamond_generative_n_shot", "--num-fewshot", "1",
        "--data", fixtures.toString());
    for (String t : List.of("gpqa_diamond_n_shot", "gpqa_main_cot_n_shot", "gpqa_main_generative_n_shot",
        "gpqa_diamond_cot_n_shot", "gpqa_diamond_generative_n_shot")) {
      assertEquals(1, nshot.at("/n-shot/" + t).asInt(), t);
      assertEquals(t.startsWith("gpqa_main") ? 4 : 2, nshot.at("/n-samples/" + t + "/effective").asInt(), t);
    }
    JsonNode r = JSON.readTree(Files.readAllLines(dir.resolve("run2/samples_gpqa_main_generative_n_shot.jsonl"))
        .getFirst());
    assertTrue(r.at("/arguments/0/arg_0").asText().startsWith("Here are some example questions from experts."),
        r.toString());

    // the extended flavours: the same prompts over gpqa_extended.csv (3 hand-written questions)
    JsonNode ext = run(dir.resolve("run4"), "--tasks", "gpqa_extended_n_shot,gpqa_extended_cot_n_shot,"
        + "gpqa_extended_generative_n_shot", "--num-fewshot", "1", "--data", fixtures.toString());
    JsonNode ext0 = run(dir.resolve("run5"), "--tasks", "gpqa_extended_zeroshot,gpqa_extended_cot_zeroshot",
        "--data", fixtures.toString());
    ((com.fasterxml.jackson.databind.node.ObjectNode) ext.get("results")).setAll(
        (com.fasterxml.jackson.databind.node.ObjectNode) ext0.get("results"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) ext.get("n-samples")).setAll(
        (com.fasterxml.jackson.databind.node.ObjectNode) ext0.get("n-samples"));
    for (String[] t : new String[][] {{"gpqa_extended_zeroshot", "acc,none"}, {"gpqa_extended_n_shot", "acc_norm,none"},
        {"gpqa_extended_cot_zeroshot", "exact_match,flexible-extract"},
        {"gpqa_extended_cot_n_shot", "exact_match,strict-match"},
        {"gpqa_extended_generative_n_shot", "exact_match,flexible-extract"}}) {
      assertEquals(3, ext.at("/n-samples/" + t[0] + "/effective").asInt(), t[0]);
      double v = ext.at("/results/" + t[0]).get(t[1]).asDouble(-1);
      assertTrue(v >= 0 && v <= 1, t[0] + " in " + ext.at("/results/" + t[0]));
    }
    JsonNode e0 = JSON.readTree(Files.readAllLines(dir.resolve("run4/samples_gpqa_extended_generative_n_shot.jsonl")).getFirst());
    String ectx = e0.at("/arguments/0/arg_0").asText();
    assertTrue(ectx.startsWith("Here are some example questions from experts.") && ectx.endsWith("\nAnswer:")
        && (ectx.contains("insect") || ectx.contains("photosynthesis") || ectx.contains("electric current")), ectx);

    Path data = FixtureData.build(dir.resolve("data"));
    JsonNode cot = run(dir.resolve("run3"), "--tasks", "mmlu_cot_llama", "--data", data.toString(), "--limit", "1",
        "--apply-chat-template", "--model-arg", "chat_template=llama3");
    assertTrue(cot.at("/groups/mmlu_cot_llama").has("exact_match,strict_match"), cot.at("/groups").toString());
  }
}
