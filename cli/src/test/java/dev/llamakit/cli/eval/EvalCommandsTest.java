package dev.llamakit.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.data.HumanEvalLoader;
import dev.llamakit.eval.run.Harness;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import dev.llamakit.eval.testing.OracleModel;
import dev.llamakit.eval.testing.SandboxSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code llamakit eval} commands through picocli. */
class EvalCommandsTest {
  record Result(int code, String out, String err) {}

  static Result exec(String... args) {
    StringWriter err = new StringWriter();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream log = new ByteArrayOutputStream(); // the run's warnings and notes (System.err)
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = new CommandLine(new EvalCommand());
      cl.setErr(new PrintWriter(err, true));
      cl.setExecutionExceptionHandler((ex, c, p) -> {
        c.getErr().println("error: " + ex.getMessage());
        return 1;
      });
      int code = cl.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void runFailsClearlyWithoutAFittingModelProvider(@TempDir Path dir) throws IOException {
    Path model = Files.writeString(dir.resolve("m.gguf"), "GGUF");
    Path data = FixtureData.build(dir.resolve("data"));
    // the engine provider accepts the file by its magic and fails on the truncated header, naming the file
    Result r = exec("run", "--tasks", "gsm8k_cot", "--model", model.toString(), "--data", data.toString(),
        "-o", dir.resolve("out").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("m.gguf"), r.err());
    Path text = Files.writeString(dir.resolve("m.txt"), "not a model");
    Result none = exec("run", "--tasks", "gsm8k_cot", "--model", text.toString(), "--data", data.toString(),
        "-o", dir.resolve("out").toString());
    assertEquals(1, none.code());
    assertTrue(none.err().contains("can open"), none.err());
    assertTrue(Files.notExists(dir.resolve("out/results.json")), "no results are faked");
    var noProvider = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> dev.llamakit.eval.model.ModelProviders.find(List.of(), null, model));
    assertTrue(noProvider.getMessage().contains("no language-model provider is registered"),
        noProvider.getMessage());
  }

  @Test
  void runThroughAProviderWritesResultsAndResumes(@TempDir Path dir) throws IOException {
    Path data = FixtureData.build(dir.resolve("data"));
    Task task = TaskRegistry.builtIn().get("gsm8k_cot");
    var key = new ObjectMapper().createObjectNode();
    var script = key.putObject("script");
    for (Doc d : new dev.llamakit.eval.data.Gsm8kLoader().load(data.resolve("gsm8k"), "test")) {
      script.putArray(task.text(d)).add(" The answer is " + (d.index() < 3 ? d.text("target") : "0") + ".");
    }
    Path model = Files.writeString(dir.resolve("m.oracle.json"), key.toString());
    String[] args = {"run", "--tasks", "gsm8k_cot", "--model", model.toString(), "--data", data.toString(),
        "-o", dir.resolve("out").toString(), "--no-progress", "--limit", "2"};
    Result first = exec(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("|gsm8k_cot|3.0|strict-match|8|exact_match|↑|1.0000|±|0.0000|"), first.out());
    assertTrue(first.err().contains("warning: --limit 2: only the first 2 documents of each (sub)task are scored"),
        first.err());
    assertEquals(2, new ObjectMapper().readTree(dir.resolve("out/results.json").toFile()).at("/config/limit").asInt());
    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
        Files.getPosixFilePermissions(dir.resolve("out/results.json")), "results readable by the group");
    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
        Files.getPosixFilePermissions(dir.resolve("out/samples_gsm8k_cot.jsonl")));
    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
        Files.getPosixFilePermissions(dir.resolve("out/progress.jsonl")), "the run log too, whatever the umask");
    args[args.length - 1] = "4";
    byte[] before = Files.readAllBytes(dir.resolve("out/results.json"));
    Result refused = exec(args);
    assertEquals(1, refused.code());
    assertEquals("error: " + dir.resolve("out/results.json") + " holds an earlier run's results; pass --overwrite to"
        + " replace them (progress.jsonl is reused) or choose another -o folder", refused.err().strip());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(dir.resolve("out/results.json")));
    Path stale = Files.writeString(dir.resolve("out/samples_arc_easy.jsonl"), "{}\n"); // from an earlier run
    String[] again = java.util.Arrays.copyOf(args, args.length + 1);
    again[args.length] = "--overwrite";
    Result second = exec(again);
    assertEquals(0, second.code(), second.err());
    assertTrue(Files.notExists(stale), "a samples file of a task this run did not run is removed");
    assertTrue(second.err().contains("removed " + stale), second.err());
    assertTrue(Files.exists(dir.resolve("out/samples_gsm8k_cot.jsonl")));
    assertTrue(second.out().contains("|gsm8k_cot|3.0|strict-match|8|exact_match|↑|0.7500|±|0.2500|"), second.out());
    var results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
    assertEquals(dev.llamakit.eval.model.ModelIdentity.ofFile(model).fileHash(),
        results.at("/config/model_sha256").asText());
    assertEquals(4, Files.readAllLines(dir.resolve("out/progress.jsonl")).size(), "the first two were not redone");
  }

  @Test
  void runRejectsUnknownTasksWithSuggestions(@TempDir Path dir) throws IOException {
    Path model = Files.writeString(dir.resolve("m.gguf"), "GGUF");
    Result r = exec("run", "--tasks", "mmlu,gsm8kcot", "--model", model.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("did you mean: gsm8k_cot"), r.err());
  }

  @Test
  void executeFollowsHumanEvalsContract(@TempDir Path dir) throws IOException {
    SandboxSupport.assumeIsolation();
    Path data = FixtureData.build(dir.resolve("data"));
    Path problems = data.resolve("humaneval/HumanEval.jsonl.gz");
    List<Doc> docs = HumanEvalLoader.problems(problems);
    ObjectMapper json = new ObjectMapper();
    StringBuilder samples = new StringBuilder();
    for (Doc d : docs) {
      samples.append(json.createObjectNode().put("task_id", d.id()).put("completion", d.text("canonical_solution")))
          .append('\n');
      samples.append(json.createObjectNode().put("task_id", d.id()).put("completion", "    return 42\n")).append('\n');
    }
    Path s = Files.writeString(dir.resolve("samples.jsonl"), samples.toString());
    Result r = exec("execute", "--problems", problems.toString(), "--samples", s.toString(), "--workers", "2");
    assertEquals(0, r.code(), r.err());
    // each problem: 1 of 2 passes -> pass@1 = 0.5; k=10 and 100 need more samples
    assertEquals("{\"pass@1\":0.5}", r.out().strip());
    List<String> lines = Files.readAllLines(dir.resolve("samples.jsonl_results.jsonl"));
    assertEquals(8, lines.size());
    assertEquals("passed", json.readTree(lines.get(0)).get("result").asText());
    assertTrue(json.readTree(lines.get(0)).get("passed").asBoolean());
    assertTrue(json.readTree(lines.get(1)).get("result").asText().startsWith("failed: "));
    Path partial = Files.writeString(dir.resolve("partial.jsonl"), lines.getFirst() + "\n");
    Result incomplete = exec("execute", "--problems", problems.toString(), "--samples", partial.toString());
    assertEquals(1, incomplete.code());
    assertTrue(incomplete.err().contains("have no sample"), incomplete.err());
    Path subset = Files.writeString(dir.resolve("subset.jsonl"), lines.get(0) + "\n" + lines.get(1) + "\n");
    Result some = exec("execute", "--problems", problems.toString(), "--samples", subset.toString(), "--allow-missing");
    assertEquals(0, some.code(), some.err());
    assertEquals("{\"pass@1\":0.5}", some.out().strip(), "one problem, 1 of 2 samples pass");
    assertTrue(some.err().contains("warning: " + (docs.size() - 1) + " of " + docs.size() + " problems have no sample"),
        some.err());
  }

  @Test
  void reportComparesRunsInMarkdownAndHtml(@TempDir Path dir) throws IOException {
    Path data = FixtureData.build(dir.resolve("data"));
    Task task = TaskRegistry.builtIn().get("gsm8k_cot");
    List<Doc> docs = new dev.llamakit.eval.data.Gsm8kLoader().load(data.resolve("gsm8k"), "test");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (String run : List.of("a", "b")) {
      OracleModel m = new OracleModel("model-" + run, run.repeat(64));
      for (Doc d : docs) {
        m.script(task.text(d), List.of(run.equals("a") || d.index() == 0 ? " The answer is " + d.text("target") + "."
            : " I do not know."));
      }
      new Harness(m, data, dir.resolve(run), RunSettings.defaults().withProgress(false), quiet).run(List.of(task));
    }
    Path html = dir.resolve("r.html");
    Result r = exec("report", dir.resolve("a").toString(), dir.resolve("b").toString(), "--html", html.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("|Task|Metric|a (model-a)|b (model-b)|"), r.out() + r.err());
    assertTrue(r.out().contains("|gsm8k_cot|exact_match,strict-match|1.0000 ± 0.0000|0.2500 ± 0.2500|"), r.out());
    String page = Files.readString(html);
    assertTrue(page.contains("<svg") && page.contains("<h2>gsm8k_cot</h2>") && page.contains("0.2500"), page);
    Result missing = exec("report", dir.resolve("nothing").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("results.json"), missing.err());
  }
}
