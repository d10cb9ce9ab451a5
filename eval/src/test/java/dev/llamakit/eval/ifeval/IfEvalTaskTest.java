package dev.llamakit.eval.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.testing.EngineRuns;
import dev.llamakit.eval.data.DataFormatException;
import dev.llamakit.eval.data.IfEvalLoader;
import dev.llamakit.eval.run.Harness;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import dev.llamakit.eval.testing.OracleModel;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IFEval end to end: the released layout read (and refused when broken), the prompt is the raw {@code prompt}, strict
 * and loose checks of crafted responses, lm-eval's aggregation of the four metrics, and a real run on stories260K.
 */
class IfEvalTaskTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private static Path data() {
    return FixtureData.handWritten();
  }

  @Test
  void loaderReadsTheReleasedLayout() {
    List<Doc> docs = new IfEvalLoader().load(data().resolve("ifeval/input_data.jsonl"), "train");
    assertEquals(4, docs.size());
    Doc d = docs.get(1);
    assertEquals("ifeval/1002", d.id());
    assertEquals(1002, d.integer("key"));
    assertEquals(List.of("length_constraints:number_words", "keywords:existence", "startend:quotation"),
        d.list("instruction_id_list"));
    assertEquals(Map.of("num_words", 40, "relation", "at least"), ((List<?>) d.field("kwargs")).get(0));
    // record 1004 carries the unused arguments as nulls (the HF conversion): dropped as lm-eval drops them
    assertEquals(2, IfEvalMetrics.instructions(docs.get(3)).size());
  }

  @Test
  void badRecordsNameFileLineAndField(@TempDir Path dir) throws Exception {
    String ok = "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], "
        + "\"kwargs\": [{}]}";
    Map<String, String> cases = Map.of(
        "{\"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
        ":2: field 'key' is missing or not a whole number",
        "{\"key\": 2, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_coma\"], \"kwargs\": [{}]}",
        ":2: unknown instruction id 'punctuation:no_coma'",
        "{\"key\": 2, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": []}",
        ":2: instruction_id_list has 1 entries but kwargs has 0",
        "{\"key\": 2, \"prompt\": \"p\", \"instruction_id_list\": [\"length_constraints:number_words\"], "
            + "\"kwargs\": [{\"num_words\": 10}]}",
        ":2: instruction 'length_constraints:number_words': argument 'relation' is missing",
        "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
        ":2: key 1 already used on line 1",
        "{\"key\": 2, \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}",
        ":2: field 'prompt' is missing or not a string");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path f = dir.resolve("input_data.jsonl");
      Files.writeString(f, ok + "\n" + c.getKey() + "\n");
      DataFormatException e = assertThrows(DataFormatException.class, () -> new IfEvalLoader().load(f, "train"));
      assertTrue(e.getMessage().contains(f + c.getValue()), e.getMessage() + " / wanted " + c.getValue());
    }
  }

  /**
   * Crafted responses to the four fixture records, scored by hand from lm-eval's code:
   * 1001 no_comma: strict [T], loose [T];
   * 1002 number_words >= 40 (20 words: fails both), keywords (T), quotation (strict F: a line follows the closing
   * quote; loose T: last line removed): strict [F, T, F], loose [F, T, T];
   * 1003 3 bullets (T), english_lowercase (strict F: "Sure! Here"; loose T: first line removed): strict [T, F],
   * loose [T, T];
   * 1004 title, postscript: [T, T] both.
   * prompt_level_strict = 2/4, inst_level_strict = 5/8, prompt_level_loose = 3/4, inst_level_loose = 7/8.
   */
  @Test
  void strictAndLooseMetricsAggregateAsLmEval(@TempDir Path out) throws Exception {
    OracleModel m = new OracleModel("oracle", "0".repeat(64))
        .script("Do not use any commas in your note.", List.of("Dear neighbour\nMy cat Tom is lost. Please call me."))
        .script("Wrap your entire response with double quotation marks.", List.of("\"The morning was grey and wet. "
            + "I took my red umbrella and stepped over a deep puddle.\"\nHope you like it!"))
        .script("No capital letters are allowed.", List.of("Sure! Here are three facts:\n"
            + "* the owl hunts at night when the forest is quiet and dark\n"
            + "* the owl can turn its head almost all the way around\n"
            + "* the owl flies without making a sound because of its soft feathers"))
        .script("add a postscript starting with P.S.", List.of("<<The Keeper>>\nOld Tom kept the light for forty "
            + "years.\nP.S. He still waves at ships."));
    JsonNode results = new Harness(m, data(), out, RunSettings.defaults().withProgress(false), QUIET)
        .run(List.of(TaskRegistry.builtIn().get("ifeval"))).results();
    JsonNode r = results.at("/results/ifeval");
    assertEquals(0.5, r.get("prompt_level_strict_acc,none").asDouble(), 1e-12);
    assertEquals(0.625, r.get("inst_level_strict_acc,none").asDouble(), 1e-12);
    assertEquals(0.75, r.get("prompt_level_loose_acc,none").asDouble(), 1e-12);
    assertEquals(0.875, r.get("inst_level_loose_acc,none").asDouble(), 1e-12);
    // mean_stderr of [1, 0, 0, 1]: sqrt(1/3) / 2; lm-eval has no stderr for agg_inst_level_acc
    assertEquals(Math.sqrt(1.0 / 3) / 2, r.get("prompt_level_strict_acc_stderr,none").asDouble(), 1e-12);
    assertEquals("N/A", r.get("inst_level_strict_acc_stderr,none").asText());
    assertEquals("N/A", r.get("inst_level_loose_acc_stderr,none").asText());
    assertEquals(4, results.at("/n-samples/ifeval/effective").asInt());
    assertEquals(4.0, results.at("/versions/ifeval").asDouble());

    // the prompt is the raw prompt field, 0-shot; generation until the end of sequence, 1280 tokens at most
    assertEquals("Write a short note to a neighbour about a lost cat. Do not use any commas in your note.",
        m.contexts().getFirst());
    List<String> samples = Files.readAllLines(out.resolve("samples_ifeval.jsonl"));
    JsonNode s = new ObjectMapper().readTree(samples.get(1));
    assertEquals(0, s.at("/arguments/0/arg_1/until").size());
    assertEquals(1280, s.at("/arguments/0/arg_1/max_gen_toks").asInt());
    assertEquals("[false,true,false]", s.at("/metrics/inst_level_strict_acc,none").toString());
    assertEquals("[false,true,true]", s.at("/metrics/inst_level_loose_acc,none").toString());
  }

  @Test
  void runsOnStories260K(@TempDir Path dir) throws Exception {
    Path model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path out = dir.resolve("run");
    var err = new java.io.StringWriter();
    int code = EngineRuns.run(err, "--tasks", "ifeval", "--data", data().toString(), "--max-gen-toks", "24", "-o",
        out.toString());
    assertEquals(0, code, err.toString());
    JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/results/ifeval");
    for (String metric : IfEvalMetrics.NAMES) {
      double v = r.get(metric + ",none").asDouble(-1);
      assertTrue(v >= 0 && v <= 1, metric + " in " + r);
    }
    List<String> samples = Files.readAllLines(out.resolve("samples_ifeval.jsonl"));
    assertEquals(4, samples.size());
    JsonNode first = new ObjectMapper().readTree(samples.getFirst());
    assertEquals(1, first.at("/metrics/inst_level_strict_acc,none").size());

    // without the data: one line naming the files looked for
    Path empty = Files.createDirectories(dir.resolve("empty"));
    err = new java.io.StringWriter();
    code = EngineRuns.run(err, "--tasks", "ifeval", "--data", empty.toString(), "-o", dir.resolve("run2").toString());
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains("ifeval/input_data.jsonl"), err.toString());
  }
}
