package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line dedup in a heap smaller than its duplicate index: a second JVM with {@code -Xmx}{@value #HEAP_MB}m runs line
 * dedup on the embedded Flink runner over a corpus with {@value #PAIRS} × {@value #SHARED} distinct duplicated lines.
 * An index of those lines at 16 bytes each — what the broadcast design held on every worker, before counting the
 * occurrence tables it was built from — is larger than the whole heap; the partitioned design must finish with every
 * document exactly right.
 */
class SmallHeapDedupTest {
  static final int HEAP_MB = 64;
  static final int PAIRS = 2_250;
  static final int SHARED = 2_000;
  static final int UNIQUE = 4;

  @TempDir Path tmp;

  /** The child: line dedup (remove-all, no minimum length) of args[0] into args[1] on embedded Flink. */
  public static void main(String[] args) throws Exception {
    Recipe r = Recipes.parse("""
        name: small-heap
        description: line dedup only
        steps:
          - read: {format: jsonl}
          - dedup_lines: {policy: remove-all, min_length: 0}
          - write: {shards: 2}
        """, "test");
    CompiledRecipe c = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(args[0]), 1);
    new RecipeJob(c, Runner.FLINK, 1, null, List.of()).run(Path.of(args[1]), false, System.err);
  }

  /** Documents 2m and 2m+1 share {@value #SHARED} lines; each also has {@value #UNIQUE} lines of its own. */
  private static String content(int doc) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < SHARED; j++) {
      b.append("s").append(letters(doc / 2)).append(' ').append(letters(j)).append('\n');
      if (j % (SHARED / UNIQUE) == 0) {
        b.append(unique(doc, j / (SHARED / UNIQUE))).append('\n');
      }
    }
    return b.toString().strip();
  }

  private static String unique(int doc, int k) {
    return "u" + letters(doc) + " " + letters(k);
  }

  /** A number in letters: cc_net's dedup normalisation turns every digit into 0. */
  private static String letters(int n) {
    StringBuilder b = new StringBuilder();
    do {
      b.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return b.toString();
  }

  @Test
  void finishesCorrectlyInAHeapSmallerThanTheIndex() throws Exception {
    long distinctDuplicated = (long) PAIRS * SHARED;
    assertTrue(distinctDuplicated * 16 > HEAP_MB * 1024L * 1024, "the index must not fit the heap");
    Path in = Files.createDirectories(tmp.resolve("in"));
    ObjectMapper om = new ObjectMapper();
    for (int f = 0; f < 2; f++) {
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
          Files.newOutputStream(in.resolve("part" + f + ".jsonl.gz"))), StandardCharsets.UTF_8))) {
        for (int d = f; d < 2 * PAIRS; d += 2) {
          w.write(om.writeValueAsString(Map.of("id", "doc" + d, "text", content(d))));
          w.write('\n');
        }
      }
    }
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.addAll(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        // the heap is the bound under test; Flink's network buffers are direct memory of a fixed size (64 MB)
        "-Xmx" + HEAP_MB + "m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), SmallHeapDedupTest.class.getName(), in.toString(),
        out.toString()));
    Path log = tmp.resolve("child.log");
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the run finishes");
    } finally {
      child.destroyForcibly();
    }
    String tail = tail(log);
    assertEquals(0, child.exitValue(), "the run with -Xmx" + HEAP_MB + "m failed:\n" + tail);
    List<String> lines = CcNetPipelineTest.shardLines(out);
    assertEquals(2 * PAIRS, lines.size(), "every document is written: " + tail);
    JsonNode report = om.readTree(out.resolve("report.json").toFile());
    assertEquals(2L * distinctDuplicated, report.get("dedup").get("lines_removed").asLong(),
        "every copy of every shared line is removed");
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (String line : lines) {
      JsonNode n = om.readTree(line);
      String text = n.get("raw_content").asText();
      String first = text.substring(1, text.indexOf(' '));
      int d = 0;
      for (int i = first.length() - 1; i >= 0; i--) {
        d = d * 26 + (first.charAt(i) - 'a');
      }
      assertTrue(seen.add(d), "doc" + d + " written once");
      List<String> expected = new ArrayList<>();
      for (int k = 0; k < UNIQUE; k++) {
        expected.add(unique(d, k));
      }
      assertEquals(String.join("\n", expected), n.get("raw_content").asText(), "doc" + d);
      assertEquals(SHARED + UNIQUE, n.get("original_nlines").asInt(), "doc" + d);
    }
  }

  private static String tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
