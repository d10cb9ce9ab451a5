package dev.llamakit.eval.data;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.eval.report.RunResults;
import dev.llamakit.eval.run.ResumeLog;
import dev.llamakit.eval.sandbox.FunctionalCorrectness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every eval parser (issue 17) with the shared harness: each mutant is accepted or rejected with a
 * {@link DataFormatException} naming the file; no other throwable, no hang. Seeds are files written here plus, when
 * {@code ../shared} is present, the first lines of the real benchmark files. A few seconds per parser in the suite;
 * the long run: {@code ./build -o -pl eval test -Dtest=EvalParsersFuzzTest -Dllamakit.fuzz.inputs=10000}.
 */
class EvalParsersFuzzTest {
  private static final String GSM8K = """
      {"question": "Tom has 3 apples and buys 2 more. How many?", "answer": "3 + 2 = <<3+2=5>>5\\n#### 5"}

      {"question": "Ünïcödé — 2×3?", "answer": "2 * 3 = 6\\n#### 6"}
      """;
  private static final String HUMANEVAL = """
      {"task_id": "T/0", "prompt": "def f(x):\\n    \\"\\"\\"Double.\\"\\"\\"\\n", "canonical_solution": "    return 2 * x\\n", \
      "test": "def check(c):\\n    assert c(2) == 4\\n", "entry_point": "f"}
      {"task_id": "T/1", "prompt": "def g():\\n", "canonical_solution": "    return 'é'\\n", \
      "test": "def check(c):\\n    assert c() == 'é'\\n", "entry_point": "g"}
      """;
  private static final String ARC = """
      {"query": "Question: Which is a gas?", "choices": ["ice", "steam", "rock"], "gold": 1}
      {"query": "Question: Was ist grün?", "choices": ["Gras", "Schnee"], "gold": 0}
      """;
  private static final String MMLU = "\"What is 2+2?\",3,4,5,6,B\r\n\"A question\nover two lines, with \"\"quotes\"\"\","
      + "a,b,c,d,D\r\nplain,é,ü,ß,中,A\r\n";
  private static final String SAMPLES = """
      {"task_id": "T/0", "completion": "    return 2 * x\\n"}
      {"task_id": "T/1", "completion": "    return 'é'\\n"}

      {"task_id": "T/0", "completion": "    return x + x\\n", "extra": [1, 2, {"k": null}]}
      """;
  private static final String PROGRESS = """
      {"key": "mmlu|1|abc|0|m|s", "doc_id": 0, "resps": [[-1.5, false]], "acc": 1.0}
      {"key": "gsm8k|1|def|1|m|s", "doc_id": 1, "resps": ["The answer is 5."], "exact_match": 0.0}
      """;
  private static final String RESULTS = """
      {"results": {"mmlu": {"alias": "mmlu", "acc,none": 0.25, "acc_stderr,none": 0.01},
                   "gsm8k_cot": {"exact_match,strict-match": 0.5}},
       "config": {"model_name": "stories15M"}}
      """;

  private static List<byte[]> seeds(String text, String sharedFile, int sharedLines) throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(text.getBytes(StandardCharsets.UTF_8));
    Path root = SharedFiles.root();
    if (root != null && sharedFile != null && Files.isRegularFile(root.resolve(sharedFile))) {
      try (var lines = Files.lines(root.resolve(sharedFile))) {
        seeds.add((String.join("\n", lines.limit(sharedLines).toList()) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return seeds;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(b)) {
      out.write(data);
    }
    return b.toByteArray();
  }

  private static String split(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - ".jsonl".length());
  }

  @Test
  void gsm8kJsonl() throws IOException {
    FuzzRun.of("gsm8k", ".jsonl", seeds(GSM8K, "data/benchmarks/gsm8k/test.jsonl", 3))
        .rejectsWith(DataFormatException.class)
        .run(file -> new Gsm8kLoader().load(file.getParent(), split(file)))
        .assertContract();
  }

  @Test
  void humanEvalJsonl() throws IOException {
    FuzzRun.of("humaneval", ".jsonl", seeds(HUMANEVAL, null, 0))
        .rejectsWith(DataFormatException.class)
        .run(HumanEvalLoader::problems)
        .assertContract();
  }

  @Test
  void humanEvalJsonlGz() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (byte[] s : seeds(HUMANEVAL, null, 0)) {
      seeds.add(gzip(s));
    }
    Path root = SharedFiles.root();
    if (root != null && Files.isRegularFile(root.resolve("data/benchmarks/humaneval/HumanEval.jsonl.gz"))) {
      seeds.add(Files.readAllBytes(root.resolve("data/benchmarks/humaneval/HumanEval.jsonl.gz")));
    }
    FuzzRun.of("humaneval-gz", ".jsonl.gz", seeds)
        .rejectsWith(DataFormatException.class)
        .run(HumanEvalLoader::problems)
        .assertContract();
  }

  @Test
  void arcJsonl() throws IOException {
    FuzzRun.of("arc", ".jsonl", seeds(ARC, "data/benchmarks/arc/arc_challenge.jsonl", 3))
        .rejectsWith(DataFormatException.class)
        .run(file -> new ArcLoader().load(file, "test"))
        .assertContract();
  }

  @Test
  void mmluCsv() throws IOException {
    FuzzRun.of("mmlu", ".csv",
            seeds(MMLU, "data/benchmarks/mmlu/cais-canonical-hendrycks-layout/dev/college_mathematics_dev.csv", 12))
        .rejectsWith(DataFormatException.class)
        .run(file -> MmluCsvLoader.subject(file, "x", "test"))
        .assertContract();
  }

  @Test
  void humanEvalSamples(@TempDir Path dir) throws IOException {
    Path problems = Files.writeString(dir.resolve("problems.jsonl"), HUMANEVAL);
    FuzzRun.of("samples", ".jsonl", seeds(SAMPLES, null, 0))
        .rejectsWith(DataFormatException.class)
        .run(file -> FunctionalCorrectness.read(problems, file))
        .assertContract();
  }

  @Test
  void progressLog() throws IOException {
    // The resume log never rejects: unreadable lines are dropped, counted and scored again.
    FuzzRun.of("progress", ".jsonl", seeds(PROGRESS, null, 0))
        .run(file -> new ResumeLog(file).close())
        .assertContract();
  }

  @Test
  void runResults() throws IOException {
    FuzzRun.of("results", ".json", seeds(RESULTS, null, 0))
        .rejectsWith(DataFormatException.class)
        .run(RunResults::load)
        .assertContract();
  }
}
