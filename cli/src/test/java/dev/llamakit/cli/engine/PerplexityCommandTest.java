package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.inference.ChunkedPerplexity;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine perplexity} on stories260K with the goldens' {@code story_long} text (85 tokens): llama-perplexity's
 * output format, the first chunk's perplexity from the goldens' log-probabilities (that chunk is a prefix of the
 * golden's sequence), the final estimate equal to {@link ChunkedPerplexity} on the same ids, and the CLI's errors.
 */
class PerplexityCommandTest {
  private static final Pattern OUTPUT =
      Pattern.compile("\\[1\\](\\d+\\.\\d{4}),\\[2\\](\\d+\\.\\d{4}),\nFinal estimate: PPL = (\\d+\\.\\d{4}) \\+/- (\\d+\\.\\d{5})\n");
  @TempDir static Path dir;
  private static Path model;
  private static Path text;
  private static JsonNode golden;

  @BeforeAll
  static void files() throws Exception {
    model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl"))) {
      JsonNode r = json.readTree(line);
      if (r.get("prompt_id").asText().equals("story_long")) {
        golden = r;
      }
    }
    text = dir.resolve("story.txt");
    Files.writeString(text, golden.get("prompt_text").asText() + "\n", StandardCharsets.UTF_8);
  }

  private static CommandRun run(String... args) {
    return CommandRun.of(new PerplexityCommand(), args);
  }

  @Test
  void printsLlamaPerplexitysLinesWithGoldenValues() throws Exception {
    CommandRun r = run("-m", model.toString(), "-f", text.toString(), "--ctx", "42", "--exact", "--threads", "1");
    assertEquals(0, r.exit(), r.err());
    Matcher m = OUTPUT.matcher(r.out());
    assertTrue(m.matches(), r.out());
    double nll = 0;
    for (int p = 21; p <= 40; p++) {
      nll -= golden.get("positions").get(p).get("next_logprob").asDouble();
    }
    assertEquals(Math.exp(nll / 20), Double.parseDouble(m.group(1)), 1e-3 * Math.exp(nll / 20) + 5e-5);
    int[] ids = new int[golden.get("ids").size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = golden.get("ids").get(i).asInt();
    }
    try (LlamaModel lm = LlamaModel.load(model, ModelOptions.defaults().withThreads(1).withContextLength(42)
        .withWarmup(false).withExactActivations(true))) {
      ChunkedPerplexity.Result e = ChunkedPerplexity.compute(lm, ids, 42, 42, 0, 1, null);
      assertEquals(String.format(java.util.Locale.ROOT, "%.4f", e.perplexity()), m.group(3));
      assertEquals(String.format(java.util.Locale.ROOT, "%.5f", e.uncertainty()), m.group(4));
      assertEquals(m.group(2), m.group(3), "the last running value is the final estimate");
    }
    CommandRun stdin = CommandRun.of(new PerplexityCommand(), Files.readAllBytes(text), "--model", model.toString(),
        "--file", "-", "--ctx", "42", "--exact", "--threads", "1", "--batch", "5");
    assertEquals(r.out(), stdin.out(), "-f - reads standard input; --batch changes nothing printed");
    CommandRun one = run("-m", model.toString(), "-f", text.toString(), "-c", "42", "--exact", "--chunks", "1");
    assertTrue(one.out().startsWith("[1]" + m.group(1) + ",\nFinal estimate: PPL = " + m.group(1)),
        "-c is llama.cpp's --ctx; --chunks 1 stops after the first chunk: " + one.out());
  }

  @Test
  void errorsFollowTheCliConvention() {
    CommandRun tooShort = run("-m", model.toString(), "-f", text.toString(), "--ctx", "64");
    assertEquals(1, tooShort.exit());
    assertTrue(tooShort.err().contains("you need at least 128 tokens") && tooShort.err().contains("only 85"),
        tooShort.err());
    assertEquals(2, run("-m", model.toString()).exit(), "-f is required");
    CommandRun tiny = run("-m", model.toString(), "-f", text.toString(), "--ctx", "2");
    assertEquals(2, tiny.exit());
    assertTrue(tiny.err().contains("--ctx must be >= 4"), tiny.err());
    assertEquals(2, run("-m", model.toString(), "-f", text.toString(), "--batch", "-1").exit());
    assertEquals(1, run("-m", dir.resolve("missing.gguf").toString(), "-f", text.toString()).exit());
  }

  @Test
  void defaultChunkIsLlamaCpps512CappedAtTheModelsContext() throws Exception {
    assertEquals(128, PerplexityCommand.defaultChunk(model).orElseThrow(), "stories260K declares 128 positions");
    CommandRun r = run("-m", model.toString(), "-f", text.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("at least 256 tokens to evaluate perplexity with a context of 128"), r.err());
  }
}
