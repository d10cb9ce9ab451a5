package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The engine's model commands end to end on stories260K, checked against the llama.cpp goldens. */
class EngineCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String run(int expectedExit, String... args) throws Exception {
    CommandLine cl = new CommandLine(new EngineCommand());
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    cl.setErr(new java.io.PrintWriter(new ByteArrayOutputStream()));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Object cmd = cl.getSubcommands().get(args[0]).getCommand();
    try {
      Field f = cmd.getClass().getDeclaredField("out");
      f.set(cmd, new PrintStream(buf, true, StandardCharsets.UTF_8));
    } catch (NoSuchFieldException e) {
      // commands without an out field write nothing to check
    }
    assertEquals(expectedExit, cl.execute(args), String.join(" ", args));
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode golden(String promptId) throws Exception {
    for (String line : Files.readAllLines(SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl"))) {
      JsonNode r = JSON.readTree(line);
      if (r.get("prompt_id").asText().equals(promptId)) {
        return r;
      }
    }
    throw new AssertionError(promptId);
  }

  @Test
  void logprobsMatchGolden() throws Exception {
    String model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf").toString();
    JsonNode g = golden("story_en");
    JsonNode out = JSON.readTree(run(0, "logprobs", "--model", model, "--prompt", g.get("prompt_text").asText(),
        "--top", "20", "--threads", "1"));
    assertEquals(g.get("ids"), out.get("ids"));
    for (int p = 0; p < g.get("ids").size(); p++) {
      JsonNode want = g.get("positions").get(p).get("top20"), got = out.get("positions").get(p).get("top");
      assertEquals(20, got.size());
      assertEquals(want.get(0).get(0).asInt(), got.get(0).get(0).asInt(), "top-1 at " + p);
      assertEquals(want.get(0).get(1).asDouble(), got.get(0).get(1).asDouble(), 1e-3);
    }
  }

  @Test
  void scoreMatchesGoldenContinuation() throws Exception {
    String model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf").toString();
    JsonNode g = golden("story_en");
    JsonNode c = g.get("continuations").get(1);
    JsonNode out = JSON.readTree(run(0, "score", "--model", model, "--context", g.get("prompt_text").asText(),
        "--continuation", c.get("text").asText()).strip());
    assertEquals(c.get("cont_ids"), out.get("cont_ids"));
    assertEquals(c.get("sum_logprob").asDouble(), out.get("sum_logprob").asDouble(), 1e-3 * c.get("cont_ids").size());
  }

  @Test
  void generateWithLlama2cCheckpoint() throws Exception {
    String bin = SharedFiles.require("models/stories260K/stories260K.bin").toString();
    String tok = SharedFiles.require("models/stories260K/tok512.bin").toString();
    String text = run(0, "generate", "--model", bin, "--tokenizer", tok, "--prompt", "Once upon a time", "--greedy",
        "--max-tokens", "20", "--threads", "1");
    assertTrue(text.startsWith(", there was a little girl named Lily."), text);
  }

  @Test
  void inspectSynthQuantize(@TempDir Path dir) throws Exception {
    String model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf").toString();
    String table = run(0, "inspect", "--model", model);
    assertTrue(table.contains("token_embd.weight") && table.contains("general.architecture"), table);
    Path q = dir.resolve("q8.gguf");
    run(0, "quantize", "--model", model, "--type", "q8_0", "--output", q.toString());
    try (GgufFile f = GgufFile.open(q)) {
      assertEquals(GgmlType.Q8_0, f.tensor("blk.0.attn_q.weight").type());
    }
    Path k = dir.resolve("q4km.gguf");
    run(0, "quantize", "-m", model, "--type", "q4_k_m", "-o", k.toString());
    assertTrue(run(0, "inspect", "--model", k.toString()).contains("Q4_K - Medium"));
    try (GgufFile f = GgufFile.open(k)) {
      assertEquals(GgmlType.Q5_0, f.tensor("blk.0.attn_q.weight").type(), "64-wide rows: Q4_K falls back to Q5_0");
      assertEquals(GgmlType.F16, f.tensor("blk.0.ffn_down.weight").type(), "172-wide rows: F16");
    }
    run(2, "quantize", "--model", model, "--type", "Q3_K_M", "--output", dir.resolve("x.gguf").toString());
    run(2, "synth", "--shape", "no-such-shape", "--type", "F32", "--output", dir.resolve("y.gguf").toString());
    Path s = dir.resolve("s15.gguf");
    run(0, "synth", "--shape", "stories15M", "--type", "Q8_0", "--output", s.toString());
    try (GgufFile f = GgufFile.open(s)) {
      assertArrayEquals(new long[] {288, 32000}, f.tensor("token_embd.weight").shape());
    }
    run(1, "generate", "--model", dir.resolve("missing.gguf").toString(), "--prompt", "x");  // a failure, not usage
  }

  /** {@code generate --json-schema FILE}: the output validates; a bad schema file is a failure naming the keyword. */
  @Test
  void generateWithJsonSchema(@TempDir Path dir) throws Exception {
    String model = SharedFiles.require("models/llama-2-tiny-random/llama-2-tiny-random.gguf").toString();
    Path schema = dir.resolve("schema.json");
    String schemaText = "{\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"},"
        + " \"n\": {\"type\": \"integer\"}}, \"required\": [\"ok\", \"n\"], \"additionalProperties\": false}";
    Files.writeString(schema, schemaText);
    String out = run(0, "generate", "-m", model, "-p", "Answer:", "-n", "200", "--temperature", "1", "--seed", "7",
        "--json-schema", schema.toString(), "--threads", "1");
    JsonNode v = JSON.readTree(out.strip());
    assertEquals(java.util.List.of(), dev.llamakit.engine.testing.SchemaValidator.validate(JSON.readTree(schemaText),
        v), out);
    // --json: any object, unbounded, so a random model may not close it within -n; what it wrote is a valid start
    String free = run(0, "generate", "-m", model, "-p", "x", "-n", "60", "--seed", "3", "--json", "--threads", "1")
        .strip();
    var m = dev.llamakit.engine.grammar.JsonMatcher.start(dev.llamakit.engine.grammar.SchemaNode.anyObject())
        .advance(free.getBytes(StandardCharsets.UTF_8));
    assertTrue(free.startsWith("{") && m != null, free);
    if (m.accepting()) {
      assertTrue(JSON.readTree(free).isObject(), free);
    }
    Files.writeString(schema, "{\"type\": \"string\", \"format\": \"email\"}");
    run(1, "generate", "-m", model, "-p", "x", "--json-schema", schema.toString());
    run(1, "generate", "-m", model, "-p", "x", "--json-schema", dir.resolve("none.json").toString());
    run(2, "generate", "-m", model, "-p", "x", "--json", "--json-schema", schema.toString());
  }
}
