package dev.llamakit.pipelines.filters.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.FastTextTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityTrainerTest {
  static final FastTextTrainer.Params SMALL = new FastTextTrainer.Params(8, 20, 0.5, 1, 0, 0, 0, 1, 0, false, false);

  @TempDir Path dir;

  /** Documents of {@code n} lines drawn from {@code words}, mixed with shared filler words. */
  static List<String> documents(Random r, String[] words, int docs) {
    String[] common = {"the", "a", "of", "and", "to", "in", "is", "was", "for", "on"};
    List<String> out = new ArrayList<>();
    for (int d = 0; d < docs; d++) {
      StringBuilder sb = new StringBuilder();
      for (int line = 0; line < 6; line++) {
        for (int w = 0; w < 14; w++) {
          sb.append(r.nextInt(3) == 0 ? common[r.nextInt(common.length)] : words[r.nextInt(words.length)]).append(' ');
        }
        sb.append(".\n");
      }
      out.add(sb.toString());
    }
    return out;
  }

  static String[] vocabulary(String prefix, int n) {
    String[] v = new String[n];
    for (int i = 0; i < n; i++) {
      v[i] = prefix + Integer.toString(i, 26).replace('0', 'q');
    }
    return v;
  }

  /** Two positive sources (JSONL and plain text, one document per line) and two negative JSONL sources. */
  QualityTrainer.Options options(Path out, long seed) throws IOException {
    Random r = new Random(42);
    ObjectMapper json = new ObjectMapper();
    Path encyclopedia = dir.resolve("encyclopedia.jsonl");
    Path books = dir.resolve("books.txt");
    Path shop = dir.resolve("shop.jsonl.gz");
    Path forum = dir.resolve("forum.jsonl");
    List<String> lines = new ArrayList<>();
    for (String d : documents(r, vocabulary("ref", 150), 60)) {
      lines.add(json.writeValueAsString(Map.of("body", d)));
    }
    Files.write(encyclopedia, lines);
    Files.write(books, documents(r, vocabulary("ref", 150), 60).stream().map(d -> d.replace('\n', ' ')).toList());
    lines.clear();
    for (String d : documents(r, vocabulary("web", 150), 60)) {
      lines.add(json.writeValueAsString(Map.of("body", d)));
    }
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(shop))) {
      gz.write(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    lines.clear();
    for (String d : documents(r, vocabulary("web", 150), 50)) {
      lines.add(json.writeValueAsString(Map.of("body", d)));
    }
    Files.write(forum, lines);
    return new QualityTrainer.Options(
        QualityCorpus.sources(List.of(encyclopedia.toString(), "books=" + books), "wiki"),
        QualityCorpus.sources(List.of(shop.toString(), forum.toString()), "cc"),
        new QualityCorpus.Reading("body", QualityCorpus.Unit.LINE, 0, 20), out, seed, 20, SMALL, true, 0.25, true);
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }

  @Test
  void trainsSeparatesAndReportsHeldOutAndLeaveOneSourceOut() throws IOException {
    Path model = dir.resolve("q.bin");
    Map<String, Object> report = QualityTrainer.train(options(model, 1), quiet());
    assertTrue(Files.size(model) > 0);
    JsonNode r = new ObjectMapper().readTree(QualityTrainer.reportPath(model).toFile());
    assertEquals("q.bin", r.get("model").asText());
    assertEquals(List.of("encyclopedia", "books", "shop", "forum"), iterNames(r.get("sources")));
    JsonNode overall = r.get("validation").get("overall");
    assertTrue(overall.get("n").asInt() > 10, overall.toString());
    assertTrue(overall.get("f1").asDouble() > 0.9, overall.toString());
    assertTrue(overall.get("auprc").asDouble() > 0.9, overall.toString());
    // Balanced: the same number of held-out pieces of each label.
    assertEquals(overall.get("n").asInt(), 2 * overall.get("positives").asInt());
    assertEquals(List.of("encyclopedia", "books", "shop", "forum"), iterNames(r.get("leaveOneSourceOut")));
    JsonNode withoutBooks = r.get("leaveOneSourceOut").get("books");
    assertEquals("wiki", withoutBooks.get("heldOutLabel").asText());
    assertTrue(withoutBooks.get("bySource").has("books"));
    assertTrue(withoutBooks.get("overall").get("recall").asDouble() > 0.8, withoutBooks.toString());
    assertEquals(Files.size(model), ((Number) report.get("bytes")).longValue());

    QualityModel m = QualityModel.load(model.toString(), "wiki");
    Random r2 = new Random(7);
    assertTrue(m.score(documents(r2, vocabulary("ref", 150), 1).getFirst()) > 0.5);
    assertTrue(m.score(documents(r2, vocabulary("web", 150), 1).getFirst()) < 0.5);
  }

  @Test
  void sameSeedSameModelOtherSeedOtherOrder() throws IOException {
    Path a = dir.resolve("a.bin");
    Path b = dir.resolve("b.bin");
    Path c = dir.resolve("c.bin");
    QualityTrainer.Options oa = options(a, 1);
    QualityTrainer.train(noLoo(oa), quiet());
    QualityTrainer.train(noLoo(options(b, 1)), quiet());
    QualityTrainer.train(noLoo(options(c, 2)), quiet());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertNotEquals(Files.mismatch(a, c), -1L, "another seed orders the training lines differently");
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(QualityTrainer.reportPath(a).toFile()).get("validation"),
        json.readTree(QualityTrainer.reportPath(b).toFile()).get("validation"));
  }

  static QualityTrainer.Options noLoo(QualityTrainer.Options o) {
    return new QualityTrainer.Options(o.positives(), o.negatives(), o.reading(), o.output(), o.seed(),
        o.validationPercent(), o.params(), o.balance(), o.threshold(), false);
  }

  static List<String> iterNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void chunksAtLineBreaksAndJoinsAShortTail() {
    String text = "a".repeat(30) + "\n" + "b".repeat(30) + "\n" + "c".repeat(30) + "\n" + "d".repeat(10);
    List<String> pieces = QualityCorpus.chunks(text, 50);
    assertEquals(List.of("a".repeat(30) + "\n" + "b".repeat(30), "c".repeat(30) + "\n" + "d".repeat(10)), pieces);
    assertEquals(List.of(text), QualityCorpus.chunks(text, 0));
    assertEquals(List.of("a".repeat(30) + "\n" + "b".repeat(30) + "\n" + "c".repeat(30) + "\n" + "d".repeat(10)),
        QualityCorpus.chunks(text, 200));
  }

  @Test
  void piecesOfOneDocumentShareItsGroup() throws IOException {
    Path f = dir.resolve("book.txt");
    Files.writeString(f, ("x".repeat(40) + "\n").repeat(10));
    var s = new QualityCorpus.Source("book", "wiki", List.of(f));
    List<Example> xs = QualityCorpus.read(s, new QualityCorpus.Reading("text", QualityCorpus.Unit.FILE, 100, 10));
    assertEquals(3, xs.size());  // 3 lines (122 chars) per piece; the 10th line (< 50 chars) joins the last piece
    assertEquals(1, xs.stream().map(Example::group).distinct().count());
    assertEquals("book", xs.getFirst().source());
  }

  @Test
  void namesSourcesAndMergesFilesOfOneName() {
    var s = QualityCorpus.sources(List.of("wiki=/d/a.txt", "wiki=/d/b.txt", "/d/c.jsonl.gz"), "wiki");
    assertEquals(2, s.size());
    assertEquals("wiki", s.get(0).name());
    assertEquals(List.of(Path.of("/d/a.txt"), Path.of("/d/b.txt")), s.get(0).files());
    assertEquals("c", s.get(1).name());
  }

  @Test
  void badInputsAreNamed() throws IOException {
    QualityTrainer.Options o = options(dir.resolve("m.bin"), 1);
    var missing = new QualityCorpus.Source("gone", "wiki", List.of(dir.resolve("gone.jsonl")));
    IOException e = assertThrows(IOException.class, () -> QualityCorpus.read(missing, o.reading()));
    assertTrue(e.getMessage().contains("gone.jsonl"), e.getMessage());
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"text\": \"no body field\"}\n");
    var noField = new QualityCorpus.Source("bad", "wiki", List.of(bad));
    e = assertThrows(IOException.class, () -> QualityCorpus.read(noField, o.reading()));
    assertTrue(e.getMessage().contains("bad.jsonl:1") && e.getMessage().contains("'body'"), e.getMessage());
    IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> new QualityTrainer.Options(
        o.positives(), o.negatives(), o.reading(), dir.resolve("m.model"), 1, 10, SMALL, true, 0.25, false));
    assertTrue(iae.getMessage().contains(".ftz"), iae.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new QualityTrainer.Options(o.positives(), List.of(),
        o.reading(), dir.resolve("m.bin"), 1, 10, SMALL, true, 0.25, false));
  }

  @Test
  void calibratesAThresholdForATopFraction() {
    double[] scores = {0.9, 0.1, 0.5, 0.7, 0.3, 0.2, 0.8, 0.4, 0.6, 0.05};
    QualityCalibration c = QualityCalibration.of(scores, 0.3);
    assertEquals(0.7, c.threshold());
    assertEquals(0.3, c.keptFraction(), 1e-12);
    assertEquals(10, c.n());
    assertEquals(0.05, QualityCalibration.of(scores, 1.0).threshold());
    assertThrows(IllegalArgumentException.class, () -> QualityCalibration.of(scores, 0));
    assertThrows(IllegalArgumentException.class, () -> QualityCalibration.of(new double[0], 0.5));
  }
}
