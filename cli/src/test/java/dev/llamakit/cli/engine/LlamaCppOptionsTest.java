package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * llama.cpp's option habits on generate, chat, score and logprobs: {@code -m}, {@code -p}, {@code -n}, {@code -f FILE}
 * ({@code -} = standard input), and sampling values no sampler can use rejected as usage errors naming the option.
 */
class LlamaCppOptionsTest {
  @TempDir static Path dir;
  private static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = TinyModels.gguf(dir.resolve("tiny.gguf"));
  }

  /** Runs {@code cmd} with {@code args}, {@code stdin} as its standard input. */
  private static CommandRun generate(byte[] stdin, String... args) {
    return CommandRun.of(new GenerateCommand(), stdin, args);
  }

  private static Path file(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void shortOptionsMeanWhatTheLongOnesDo() {
    CommandRun longForm = generate(new byte[0], "--model", model.toString(), "--prompt", "a b", "--max-tokens", "4",
        "--greedy", "--threads", "1");
    CommandRun shortForm = generate(new byte[0], "-m", model.toString(), "-p", "a b", "-n", "4", "--greedy", "--threads",
        "1");
    assertEquals(0, longForm.exit(), longForm.err());
    assertEquals(0, shortForm.exit(), shortForm.err());
    assertEquals(longForm.out(), shortForm.out());
    CommandRun fewer = generate(new byte[0], "-m", model.toString(), "-p", "a b", "-n", "1", "--greedy", "--threads", "1");
    assertTrue(shortForm.out().startsWith(fewer.out().stripTrailing()) && !fewer.out().equals(shortForm.out()),
        "-n 1 generates less than -n 4: " + fewer.out() + " / " + shortForm.out());
  }

  @Test
  void promptFromAFileOrStandardInputEqualsTheInlinePrompt() throws Exception {
    Path p = file("prompt.txt", "a b".getBytes(StandardCharsets.UTF_8));
    CommandRun inline = generate(new byte[0], "-m", model.toString(), "-p", "a b", "-n", "5", "--greedy", "--threads", "1");
    CommandRun fromFile = generate(new byte[0], "-m", model.toString(), "-f", p.toString(), "-n", "5", "--greedy",
        "--threads", "1");
    CommandRun fromStdin = generate("a b".getBytes(StandardCharsets.UTF_8), "-m", model.toString(), "-f", "-", "-n", "5",
        "--greedy", "--threads", "1");
    assertEquals(0, fromFile.exit(), fromFile.err());
    assertEquals(0, fromStdin.exit(), fromStdin.err());
    assertEquals(inline.out(), fromFile.out());
    assertEquals(inline.out(), fromStdin.out());
  }

  @Test
  void oneFinalLineBreakIsDroppedAsLlamaCppDoes() throws Exception {
    CommandRun inline = generate(new byte[0], "-m", model.toString(), "-p", "a b", "-n", "5", "--greedy", "--threads", "1");
    Path crlf = file("crlf.txt", "a b\r\n".getBytes(StandardCharsets.UTF_8));
    CommandRun fromFile = generate(new byte[0], "-m", model.toString(), "-f", crlf.toString(), "-n", "5", "--greedy",
        "--threads", "1");
    assertEquals(0, fromFile.exit(), fromFile.err());
    assertEquals(inline.out(), fromFile.out());
    assertEquals("a b", PromptSource.resolve(null, "-p", null, crlf, true, null));
    Path two = file("two.txt", "a b\n\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("a b\n", PromptSource.resolve(null, "-p", null, two, true, null), "only one is dropped");
  }

  @Test
  void promptAndFileTogetherOrNeitherAreUsageErrors() throws Exception {
    Path p = file("both.txt", "a".getBytes(StandardCharsets.UTF_8));
    CommandRun both = generate(new byte[0], "-m", model.toString(), "-p", "a", "-f", p.toString());
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("-p/--prompt and -f/--file are mutually exclusive"), both.err());
    CommandRun neither = generate(new byte[0], "-m", model.toString());
    assertEquals(2, neither.exit(), neither.err());
    assertTrue(neither.err().contains("missing the text: give -p/--prompt TEXT or -f/--file FILE"), neither.err());
  }

  @Test
  void aPromptFileThatIsNotUtf8FailsNamingFileAndLine() throws Exception {
    Path p = file("latin1.txt", new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    CommandRun r = generate(new byte[0], "-m", model.toString(), "-f", p.toString(), "-n", "1");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(p + ":2: invalid UTF-8 at byte 4 of the line"), r.err());
    CommandRun stdin = generate(new byte[] {'a', (byte) 0xFF}, "-m", model.toString(), "-f", "-", "-n", "1");
    assertEquals(1, stdin.exit(), stdin.err());
    assertTrue(stdin.err().contains("(stdin):1: invalid UTF-8 at byte 2 of the line"), stdin.err());
  }

  @Test
  void aMissingPromptFileIsAFailureNamingIt() {
    Path missing = dir.resolve("no-such-prompt.txt");
    CommandRun r = generate(new byte[0], "-m", model.toString(), "-f", missing.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--temperature|-1|--temperature must be >= 0 (0 = greedy), got -1.0",
      "--temperature|NaN|--temperature must be >= 0 (0 = greedy), got NaN",
      "--top-p|7|--top-p must be within 0..1, got 7.0",
      "--top-p|-0.5|--top-p must be within 0..1, got -0.5",
      "--min-p|1.5|--min-p must be within 0..1, got 1.5",
      "--repeat-penalty|0|--repeat-penalty must be > 0 (1 = off), got 0.0",
      "--repeat-penalty|-2|--repeat-penalty must be > 0 (1 = off), got -2.0"})
  void samplingValuesNoSamplerCanUseAreUsageErrors(String option, String value, String message) {
    // the model does not exist: the option is rejected before anything loads
    CommandRun r = generate(new byte[0], "-m", dir.resolve("absent.gguf").toString(), "-p", "a", option, value);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(message), r.err());
    CommandRun chat = CommandRun.of(new ChatCommand(), new byte[0], "-m", dir.resolve("absent.gguf").toString(), option, value);
    assertEquals(2, chat.exit(), chat.err());
    assertTrue(chat.err().contains(message), chat.err());
  }

  @Test
  void boundarySamplingValuesAreAccepted() {
    CommandRun r = generate(new byte[0], "-m", model.toString(), "-p", "a", "-n", "2", "--temperature", "0", "--top-p",
        "1", "--min-p", "0", "--repeat-penalty", "1.1", "--threads", "1");
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void logprobsAndScoreTakeTheirTextFromAFile() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path p = file("ctx.txt", "a b c".getBytes(StandardCharsets.UTF_8));
    CommandRun inline = CommandRun.of(new LogprobsCommand(), new byte[0], "-m", model.toString(), "-p", "a b c", "--threads", "1");
    CommandRun fromFile = CommandRun.of(new LogprobsCommand(), new byte[0], "-m", model.toString(), "-f", p.toString(), "--threads",
        "1");
    assertEquals(0, fromFile.exit(), fromFile.err());
    // the same ids; log-probabilities equal up to the JIT's float reduction order (a compiled kernel adds lanes in a
    // different order than the interpreted one did for the first run)
    var want = json.readTree(inline.out());
    var got = json.readTree(fromFile.out());
    assertEquals(want.get("ids"), got.get("ids"));
    for (int pos = 0; pos < want.get("positions").size(); pos++) {
      var w = want.get("positions").get(pos).get("top");
      var g = got.get("positions").get(pos).get("top");
      for (int k = 0; k < w.size(); k++) {
        assertEquals(w.get(k).get(1).asDouble(), g.get(k).get(1).asDouble(), 1e-6, "position " + pos + " rank " + k);
      }
    }
    CommandRun scoreInline = CommandRun.of(new ScoreCommand(), new byte[0], "-m", model.toString(), "-p", "a b c", "--continuation",
        " d", "--threads", "1");
    CommandRun scoreStdin = CommandRun.of(new ScoreCommand(), "a b c".getBytes(StandardCharsets.UTF_8), "-m", model.toString(), "-f",
        "-", "--continuation", " d", "--threads", "1");
    assertEquals(0, scoreStdin.exit(), scoreStdin.err());
    var si = json.readTree(scoreInline.out());
    var ss = json.readTree(scoreStdin.out());
    assertEquals(si.get("cont_ids"), ss.get("cont_ids"));
    assertEquals(si.get("sum_logprob").asDouble(), ss.get("sum_logprob").asDouble(), 1e-6);
    CommandRun scoreNeither = CommandRun.of(new ScoreCommand(), new byte[0], "-m", model.toString(), "--continuation", " d");
    assertEquals(2, scoreNeither.exit());
    assertTrue(scoreNeither.err().contains("give -p/--context TEXT or -f/--file FILE"), scoreNeither.err());
  }

  @Test
  void chatTakesItsFirstMessageFromPOrFAndItsSystemMessageFromSysOrSysf() throws Exception {
    // the tiny model's vocabulary cannot spell a chat template: stories260K (byte tokens) can
    String chatModel = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf").toString();
    Path first = file("first.txt", "a b\n".getBytes(StandardCharsets.UTF_8));
    CommandRun inline = CommandRun.of(new ChatCommand(), new byte[0], "-m", chatModel, "--template", "llama2", "-p", "a b",
        "-n", "3", "--greedy", "--threads", "1");
    assertEquals(0, inline.exit(), inline.err());
    assertTrue(inline.out().startsWith("> a b\n"), inline.out());
    assertTrue(inline.out().endsWith("> "), "then reads standard input (empty: quits): " + inline.out());
    CommandRun fromFile = CommandRun.of(new ChatCommand(), new byte[0], "-m", chatModel, "--template", "llama2", "-f",
        first.toString(), "-n", "3", "--greedy", "--threads", "1");
    assertEquals(inline.out(), fromFile.out());
    Path system = file("system.txt", "be brief".getBytes(StandardCharsets.UTF_8));
    CommandRun withSystem = CommandRun.of(new ChatCommand(), new byte[0], "-m", chatModel, "--template", "llama2-sys", "-sysf",
        system.toString(), "-p", "a b", "-n", "3", "--greedy", "--threads", "1");
    assertEquals(0, withSystem.exit(), withSystem.err());
    CommandRun both = CommandRun.of(new ChatCommand(), new byte[0], "-m", model.toString(), "-sys", "x", "-sysf", system.toString());
    assertEquals(2, both.exit(), both.err());
    assertTrue(both.err().contains("-sys/--system and -sysf/--system-prompt-file are mutually exclusive"),
        both.err());
    CommandRun stdin = CommandRun.of(new ChatCommand(), new byte[0], "-m", model.toString(), "-f", "-");
    assertEquals(2, stdin.exit(), stdin.err());
    assertTrue(stdin.err().contains("-f -: chat reads the conversation from standard input"), stdin.err());
  }

  @Test
  void inspectNamesTheFileType() {
    CommandRun r = CommandRun.of(new InspectCommand(), new byte[0], "--model", model.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("file type: all F32\n"), r.out());
    assertFalse(r.out().contains("guessed"), r.out());
  }
}
