package dev.llamakit.cli.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pipeline train-lm} end to end against the real tools: cc_net-normalising and SentencePiece-tokenising
 * WikiText-2 valid and estimating an order-5 model reproduces the ARPA that KenLM's lmplz wrote for the goldens
 * ({@code ../shared/golden/kenlm/lm.arpa.gz}): the same n-grams, every log10 probability and back-off within 1e-6
 * (measured: 3e-7, the last bit of log10f; see the lmtrain package).
 */
class TrainLmCommandTest {
  @TempDir Path tmp;

  @Test
  void reproducesTheLmplzGoldenFromRawText() throws Exception {
    Path golden = SharedFiles.require("golden/kenlm");
    Path valid = SharedFiles.require("data/web/wikitext-2/valid.txt");
    Path out = tmp.resolve("lm_sp");
    int code = new CommandLine(new TrainLmCommand()).execute("--language", "en", "--sp-model",
        golden.resolve("sp.model").toString(), "--order", "5", "--output", out.toString(), valid.toString());
    assertEquals(0, code);
    assertTrue(Files.isRegularFile(out.resolve("en.sp.model")));
    Map<String, float[]> mine = read(out.resolve("en.arpa.gz"));
    Map<String, float[]> lmplz = read(golden.resolve("lm.arpa.gz"));
    assertEquals(lmplz.keySet(), mine.keySet());
    double maxProb = 0;
    double maxBackoff = 0;
    for (Map.Entry<String, float[]> e : lmplz.entrySet()) {
      float[] m = mine.get(e.getKey());
      maxProb = Math.max(maxProb, Math.abs(m[0] - e.getValue()[0]));
      maxBackoff = Math.max(maxBackoff, Math.abs(m[1] - e.getValue()[1]));
    }
    assertTrue(maxProb <= 1e-6, "max |delta log10 p| " + maxProb);
    assertTrue(maxBackoff <= 1e-6, "max |delta log10 backoff| " + maxBackoff);
  }

  @Test
  void missingInputIsAnErrorNamingIt() {
    Path golden = SharedFiles.require("golden/kenlm");
    CommandLine cmd = new CommandLine(new TrainLmCommand());
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err));
    cmd.setExecutionExceptionHandler((ex, c, r) -> {
      c.getErr().println(ex.getMessage());
      return 1;
    });
    int code = cmd.execute("--language", "en", "--sp-model", golden.resolve("sp.model").toString(), "--output",
        tmp.resolve("o").toString(), tmp.resolve("absent.txt").toString());
    assertEquals(1, code);
    assertTrue(err.toString().contains("absent.txt"), err.toString());
  }

  private int run(java.io.StringWriter err, String... args) {
    CommandLine cmd = new CommandLine(new TrainLmCommand());
    cmd.setErr(new java.io.PrintWriter(err, true));
    cmd.setExecutionExceptionHandler((ex, c, r) -> {
      c.getErr().println(ex.getMessage());
      return 1;
    });
    return cmd.execute(args);
  }

  @Test
  void exactlyOneOfSpModelAndGgufIsAUsageError() throws Exception {
    Path sp = SharedFiles.require("golden/kenlm/sp.model");
    Path gguf = SharedFiles.require("models/tokenizers/llama2/ggml-vocab-llama-spm.gguf");
    Path text = Files.writeString(tmp.resolve("t.txt"), "one line of text\n");
    java.io.StringWriter both = new java.io.StringWriter();
    assertEquals(2, run(both, "--language", "en", "--sp-model", sp.toString(), "--gguf", gguf.toString(), "--output",
        tmp.resolve("o").toString(), text.toString()));
    assertTrue(both.toString().contains("mutually exclusive"), both.toString());
    java.io.StringWriter neither = new java.io.StringWriter();
    assertEquals(2, run(neither, "--language", "en", "--output", tmp.resolve("o").toString(), text.toString()));
    assertTrue(neither.toString().contains("--sp-model") && neither.toString().contains("--gguf"),
        neither.toString());
    assertTrue(!Files.exists(tmp.resolve("o")));
  }

  @Test
  void ggufReplacesTheOtherTokenizerAndCanBeLinked() throws Exception {
    Path sp = SharedFiles.require("golden/kenlm/sp.model");
    Path gguf = SharedFiles.require("models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf");
    Path valid = SharedFiles.require("data/web/wikitext-2/valid.txt");
    Path text = tmp.resolve("t.txt");
    try (var lines = Files.lines(valid)) {
      Files.write(text, lines.filter(l -> !l.isBlank()).limit(50).toList());
    }
    Path out = tmp.resolve("lm");
    java.io.StringWriter err = new java.io.StringWriter();
    assertEquals(0, run(err, "--language", "en", "--sp-model", sp.toString(), "--order", "3", "--output",
        out.toString(), text.toString()), err.toString());
    assertTrue(Files.isRegularFile(out.resolve("en.sp.model")));
    assertEquals(0, run(err, "--language", "en", "--gguf", gguf.toString(), "--link", "--order", "3", "--output",
        out.toString(), text.toString()), err.toString());
    assertTrue(!Files.exists(out.resolve("en.sp.model")), "the stale SentencePiece model is removed");
    assertTrue(Files.isSymbolicLink(out.resolve("en.gguf")));
    assertTrue(Files.isSameFile(gguf, out.resolve("en.gguf")));
    Map<String, float[]> arpa = read(out.resolve("en.arpa.gz"));
    assertTrue(arpa.containsKey("1:\u0120the"), "Llama 3 pieces are the words");
    assertEquals(0, run(err, "--language", "en", "--sp-model", sp.toString(), "--order", "3", "--output",
        out.toString(), text.toString()), err.toString());
    assertTrue(Files.isRegularFile(out.resolve("en.sp.model")) && !Files.exists(out.resolve("en.gguf")));
  }

  static Map<String, float[]> read(Path arpaGz) throws Exception {
    Map<String, float[]> m = new HashMap<>(1 << 20);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(arpaGz)),
        StandardCharsets.UTF_8))) {
      String line;
      int order = 0;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("\\") && line.endsWith("-grams:")) {
          order = Integer.parseInt(line.substring(1, line.indexOf('-')));
          continue;
        }
        if (order == 0 || line.isEmpty() || line.startsWith("\\")) {
          continue;
        }
        String[] f = line.split("\t");
        m.put(order + ":" + f[1], new float[] {Float.parseFloat(f[0]), f.length > 2 ? Float.parseFloat(f[2]) : 0f});
      }
    }
    return m;
  }
}
