package dev.llamakit.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.data.ArcLoader;
import dev.llamakit.eval.data.Gsm8kLoader;
import dev.llamakit.eval.data.HumanEvalLoader;
import dev.llamakit.eval.data.MmluCsvLoader;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import dev.llamakit.eval.testing.OracleModel;
import dev.llamakit.eval.testing.SandboxSupport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every task end to end on the {@link OracleModel}, which prefers the gold answer for every 2nd document, so the
 * expected scores are computed by hand; plus the results.json layout and the resume behaviour.
 */
class HarnessEndToEndTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();
  static final String HASH = "a".repeat(64);
  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  static Path data;

  @TempDir static Path shared;

  @BeforeAll
  static void fixture() throws IOException {
    data = FixtureData.build(shared.resolve("data"));
  }

  static RunSettings settings() {
    return RunSettings.defaults().withProgress(false).withBatchSize(3);
  }

  static JsonNode run(OracleModel m, Path out, RunSettings s, String... tasks) {
    List<Task> ts = new ArrayList<>();
    for (String t : tasks) {
      ts.add(REG.get(t));
    }
    return new Harness(m, data, out, s, QUIET).run(ts).results();
  }

  /** An oracle that picks gold on even documents and the next choice on odd ones. */
  static OracleModel multipleChoiceOracle(Task task, List<Doc> docs) {
    OracleModel m = new OracleModel("oracle", HASH);
    for (Doc d : docs) {
      int gold = task.gold(d);
      m.prefer(task.text(d), d.index() % 2 == 0 ? gold : (gold + 1) % task.choices(d).size());
    }
    return m;
  }

  @Test
  void mmluPerSubjectPerCategoryMicroAndMacro(@TempDir Path out) throws IOException {
    Task task = REG.get("mmlu");
    List<Doc> docs = new MmluCsvLoader().load(data.resolve("mmlu"), "test");
    JsonNode r = run(multipleChoiceOracle(task, docs), out, settings(), "mmlu");
    // abstract_algebra 1/1, anatomy 1/2, world_religions 3/5 (documents 0, 2, 4 of each subject are right)
    assertEquals(1.0, r.at("/results/mmlu_abstract_algebra/acc,none").asDouble());
    assertEquals(0.5, r.at("/results/mmlu_anatomy/acc,none").asDouble());
    assertEquals(0.6, r.at("/results/mmlu_world_religions/acc,none").asDouble(), 1e-12);
    assertEquals(5.0 / 8, r.at("/results/mmlu/acc,none").asDouble(), 1e-12);
    assertEquals((1 + 0.5 + 0.6) / 3, r.at("/results/mmlu/acc_macro,none").asDouble(), 1e-12);
    assertEquals(2.0 / 3, r.at("/groups/mmlu_stem/acc,none").asDouble(), 1e-12);
    assertEquals(0.6, r.at("/groups/mmlu_humanities/acc,none").asDouble(), 1e-12);
    assertEquals("[\"mmlu_humanities\",\"mmlu_stem\"]", r.at("/group_subtasks/mmlu").toString());
    assertEquals("[\"mmlu_abstract_algebra\",\"mmlu_anatomy\"]", r.at("/group_subtasks/mmlu_stem").toString());
    // values 1,0,1,0,1: sample variance 0.3, stderr sqrt(0.3/5)
    assertEquals(Math.sqrt(0.3 / 5), r.at("/results/mmlu_world_religions/acc_stderr,none").asDouble(), 1e-12);
    assertEquals("N/A", r.at("/results/mmlu_abstract_algebra/acc_stderr,none").asText());
    // lm-eval layout
    for (String k : List.of("results", "groups", "group_subtasks", "configs", "versions", "n-shot", "higher_is_better",
        "n-samples", "config", "date", "total_evaluation_time_seconds")) {
      assertTrue(r.has(k), k);
    }
    assertEquals("anatomy", r.at("/results/mmlu_anatomy/alias").asText());
    assertEquals(1.0, r.at("/versions/mmlu_anatomy").asDouble());
    assertTrue(r.at("/versions/mmlu_anatomy").isNumber());
    assertEquals(5, r.at("/n-shot/mmlu_anatomy").asInt());
    assertTrue(r.at("/higher_is_better/mmlu_anatomy/acc").asBoolean());
    assertEquals(2, r.at("/n-samples/mmlu_anatomy/effective").asInt());
    assertEquals(HASH, r.at("/config/model_sha256").asText());
    assertEquals("{{question|strip}}\nA. {{choices[0]}}\nB. {{choices[1]}}\nC. {{choices[2]}}\nD. {{choices[3]}}\nAnswer:",
        r.at("/configs/mmlu/doc_to_text").asText());
    // files
    assertEquals(r.toString(), new ObjectMapper().readTree(out.resolve("results.json").toFile()).toString());
    List<String> samples = Files.readAllLines(out.resolve("samples_mmlu.jsonl"));
    assertEquals(8, samples.size());
    JsonNode s0 = new ObjectMapper().readTree(samples.getFirst());
    assertEquals("[\" A\",\" B\",\" C\",\" D\"]", List.of(0, 1, 2, 3).stream()
        .map(i -> s0.at("/arguments/" + i + "/1")).toList().toString().replace(", ", ","));
    assertTrue(s0.at("/arguments/0/0").asText().endsWith("\nAnswer:"));
    String md = Files.readString(out.resolve("summary.md"));
    assertTrue(md.contains("|anatomy|1.0|none|5|acc|↑|0.5000|±|0.5000|"), md);
  }

  @Test
  void arcAccAndAccNorm(@TempDir Path out) {
    Task task = REG.get("arc_easy");
    List<Doc> docs = new ArcLoader().load(data.resolve("arc/arc_easy.jsonl"), "test");
    JsonNode r = run(multipleChoiceOracle(task, docs), out, settings().withLimit(5), "arc_easy");
    assertEquals(0.6, r.at("/results/arc_easy/acc,none").asDouble(), 1e-12);
    assertEquals(0.6, r.at("/results/arc_easy/acc_norm,none").asDouble(), 1e-12);
    assertEquals(25, r.at("/n-shot/arc_easy").asInt());
    assertEquals(40, r.at("/n-samples/arc_easy/original").asInt());
    assertEquals(5, r.at("/n-samples/arc_easy/effective").asInt());
    Task ch = REG.get("arc_challenge");
    JsonNode c = run(multipleChoiceOracle(ch, new ArcLoader().load(data.resolve("arc/arc_challenge.jsonl"), "test")),
        out.resolve("ch"), settings().withLimit(2).withNumFewshot(3), "arc_challenge");
    assertEquals(0.5, c.at("/results/arc_challenge/acc,none").asDouble());
    assertEquals(3, c.at("/n-shot/arc_challenge").asInt());
  }

  static long t(Doc d) {
    return Long.parseLong(d.text("target").replace(",", ""));
  }

  static OracleModel cotOracle(Task task, List<Doc> docs) {
    OracleModel m = new OracleModel("oracle", HASH);
    for (Doc d : docs) {
      m.script(task.text(d), List.of(d.index() % 2 == 0
          ? " Let me compute. The answer is " + t(d) + ".\n\nQ: What next?"
          : " The answer is " + (t(d) + 1) + ". Hmm, or rather " + t(d) + "\n\nQ: What next?"));
    }
    return m;
  }

  @Test
  void gsm8kCotStrictAndFlexible(@TempDir Path out) throws IOException {
    Task task = REG.get("gsm8k_cot");
    List<Doc> docs = new Gsm8kLoader().load(data.resolve("gsm8k"), "test");
    JsonNode r = run(cotOracle(task, docs), out, settings(), "gsm8k_cot");
    assertEquals(0.5, r.at("/results/gsm8k_cot/exact_match,strict-match").asDouble());
    assertEquals(1.0, r.at("/results/gsm8k_cot/exact_match,flexible-extract").asDouble());
    assertEquals(8, r.at("/n-shot/gsm8k_cot").asInt());
    JsonNode s1 = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_gsm8k_cot.jsonl")).get(1));
    assertFalse(s1.at("/resps/0").asText().contains("Q:"), "cut at the stop sequence");
    assertEquals("[\"" + (t(docs.get(1)) + 1) + ".\"]", s1.at("/filtered_resps/strict-match").toString(),
        "greedy capture keeps the period when text follows; exact_match drops it");
    assertEquals("[\"Q:\",\"</s>\",\"<|im_end|>\"]", s1.at("/arguments/0/arg_1/until").toString());
  }

  @Test
  void gsm8kPlainFiveShot(@TempDir Path out) {
    Task task = REG.get("gsm8k");
    List<Doc> docs = new Gsm8kLoader().load(data.resolve("gsm8k"), "test");
    OracleModel m = new OracleModel("oracle", HASH);
    for (Doc d : docs) {
      m.script(task.text(d), List.of(d.index() % 2 == 0 ? " So <<1+1=2>>.\n#### " + t(d) + "\n\nQuestion: x"
          : " #### " + (t(d) + 1) + " or " + t(d)));
    }
    JsonNode r = run(m, out, settings(), "gsm8k");
    assertEquals(0.5, r.at("/results/gsm8k/exact_match,strict-match").asDouble());
    assertEquals(1.0, r.at("/results/gsm8k/exact_match,flexible-extract").asDouble());
    assertEquals(5, r.at("/n-shot/gsm8k").asInt());
    assertEquals(5, m.contexts().getFirst().split("\nAnswer:", -1).length - 1 - 1, "five shots before the question");
  }

  @Test
  void gsm8kMajorityVoteOverSampledChains(@TempDir Path out) {
    Task task = REG.get("gsm8k_cot_maj");
    List<Doc> docs = new Gsm8kLoader().load(data.resolve("gsm8k"), "test");
    OracleModel m = new OracleModel("oracle", HASH);
    for (Doc d : docs) {
      String right = " The answer is " + t(d) + ".";
      String wrong = " The answer is " + (t(d) + 1) + ".";
      m.script(task.text(d), d.index() % 2 == 0 ? List.of(wrong, right, right) : List.of(wrong, wrong, right));
    }
    JsonNode r = run(m, out, settings().withRepeats(3), "gsm8k_cot_maj");
    assertEquals(0.0, r.at("/results/gsm8k_cot_maj/exact_match,score-first").asDouble());
    assertEquals(0.5, r.at("/results/gsm8k_cot_maj/exact_match,maj@3").asDouble());
    assertEquals(0.5, r.at("/results/gsm8k_cot_maj/exact_match,maj@3-flexible").asDouble());
    assertEquals(12, m.contexts().size(), "3 sampled chains for each of 4 problems");
  }

  static OracleModel codeOracle(Task task, List<Doc> docs, boolean sampled) {
    OracleModel m = new OracleModel("oracle", HASH);
    for (Doc d : docs) {
      String good = d.text("canonical_solution") + "\n\ndef helper_after_stop():\n    raise SystemExit(1)\n";
      String bad = "    return None\n";
      m.script(task.text(d), d.index() % 2 == 0 ? (sampled ? List.of(good, bad) : List.of(good)) : List.of(bad));
    }
    return m;
  }

  @Test
  void humanevalGreedyPassAt1(@TempDir Path out) throws IOException {
    SandboxSupport.assumeIsolation();
    Task task = REG.get("humaneval");
    List<Doc> docs = HumanEvalLoader.problems(data.resolve("humaneval/HumanEval.jsonl.gz"));
    JsonNode r = run(codeOracle(task, docs, false), out, settings(), "humaneval");
    assertEquals(0.5, r.at("/results/humaneval/pass@1,create_test").asDouble());
    JsonNode s0 = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_humaneval.jsonl")).get(0));
    assertEquals("passed", s0.at("/execution/0/result").asText());
    assertFalse(s0.at("/resps/0").asText().contains("helper_after_stop"));
    JsonNode s1 = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_humaneval.jsonl")).get(1));
    assertEquals("failed", s1.at("/execution/0/status").asText());
  }

  @Test
  void humanevalSampledReportsOnlyKsWithEnoughSamples(@TempDir Path out) {
    SandboxSupport.assumeIsolation();
    Task task = REG.get("humaneval_sampled");
    List<Doc> docs = HumanEvalLoader.problems(data.resolve("humaneval/HumanEval.jsonl.gz"));
    JsonNode r = run(codeOracle(task, docs, true), out, settings().withRepeats(2), "humaneval_sampled");
    // even problems: 1 of 2 samples pass -> pass@1 = .5; odd: 0 of 2
    assertEquals(0.25, r.at("/results/humaneval_sampled/pass@1,create_test").asDouble(), 1e-12);
    assertFalse(r.at("/results/humaneval_sampled").has("pass@5,create_test"));
    assertFalse(r.at("/results/humaneval_sampled").has("pass@10,create_test"));
  }

  @Test
  void anInterruptedRunResumesWhereItStopped(@TempDir Path out) throws IOException {
    Task task = REG.get("gsm8k_cot");
    List<Doc> docs = new Gsm8kLoader().load(data.resolve("gsm8k"), "test");
    OracleModel first = cotOracle(task, docs);
    Harness.Outcome o1 = new Harness(first, data, out, settings().withLimit(2), QUIET).run(List.of(task));
    assertEquals(2, o1.computed());
    // an interruption leaves half a line behind
    Files.writeString(out.resolve("progress.jsonl"), "{\"key\":\"abc\",\"task\":\"gsm8", StandardOpenOption.APPEND);
    OracleModel second = cotOracle(task, docs);
    Harness.Outcome o2 = new Harness(second, data, out, settings(), QUIET).run(List.of(task));
    assertEquals(2, o2.computed());
    assertEquals(2, o2.reused());
    assertEquals(2, second.contexts().size());
    for (String ctx : second.contexts()) {
      assertFalse(ctx.endsWith(task.text(docs.get(0))) || ctx.endsWith(task.text(docs.get(1))), "asked again");
    }
    assertEquals(0.5, o2.results().at("/results/gsm8k_cot/exact_match,strict-match").asDouble());
    assertEquals(1.0, o2.results().at("/results/gsm8k_cot/exact_match,flexible-extract").asDouble());
    assertEquals(4, Files.readAllLines(out.resolve("progress.jsonl")).size());
    // other settings or another model file: nothing is reused
    Harness.Outcome o3 = new Harness(cotOracle(task, docs), data, out, settings().withSeed(7), QUIET).run(List.of(task));
    assertEquals(4, o3.computed());
    OracleModel other = new OracleModel("oracle", "b".repeat(64));
    docs.forEach(d -> other.script(task.text(d), List.of(" The answer is " + t(d) + ".")));
    Harness.Outcome o4 = new Harness(other, data, out, settings(), QUIET).run(List.of(task));
    assertEquals(4, o4.computed());
    assertEquals(1.0, o4.results().at("/results/gsm8k_cot/exact_match,strict-match").asDouble());
  }
}
