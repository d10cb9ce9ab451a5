package dev.llamakit.safety.fasttext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.classifier.ModerationDataset;
import dev.llamakit.safety.data.Example;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training recipe on a tiny subset of the real data (2,000 examples, small parameters): it writes a quantized
 * model with the recipe's labels, and two runs give byte-identical files (single-threaded, seeded).
 */
class TinyTrainingTest {
  private static final FastTextTrainer.Params SMALL = new FastTextTrainer.Params(16, 3, 0.5, 2, 0, 0, 20_000, 1, 5_000, true, false);

  @Test
  void trainsQuantizesAndIsReproducible(@TempDir Path dir) throws Exception {
    Path train = SharedFiles.require("data/safety-train");
    List<Example> all = new ModerationDataset().load(train, train.getParent());
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    TrainingRun.Result a = TrainingRun.run(all, "safe", 10, 7, SMALL, dir.resolve("a.ftz"), 2000, quiet);
    TrainingRun.Result b = TrainingRun.run(all, "safe", 10, 7, SMALL, dir.resolve("b.ftz"), 2000, quiet);
    assertEquals(2000, a.train().size());
    assertTrue(a.validation().stream().noneMatch(v -> a.train().contains(v)), "validation never trained on");
    assertArrayEquals(Files.readAllBytes(a.model()), Files.readAllBytes(b.model()), "same data, seed, params => same model");
    FastTextModel m = new FastTextModel(a.model());
    assertTrue(m.labels().contains("safe") && m.labels().contains("hate"), m.labels().toString());
    double sum = m.probabilities(TextFeatures.normalize("what is the capital of france?")).values().stream().mapToDouble(d -> d).sum();
    assertEquals(1.0, sum, 0.02);
  }

  @Test
  void splitIsByHashAndIndependentOfOrder() {
    List<Example> xs = List.of(Example.of("alpha beta", "safe", "t"), Example.of("gamma delta", "hate", "t"),
        Example.of("Alpha  beta!", "hate", "t"));
    TrainingRun.Parts p = TrainingRun.split(xs, "safe", 50);
    TrainingRun.Parts q = TrainingRun.split(xs.reversed(), "safe", 50);
    assertEquals(p.train().size() + p.validation().size(), 3, "normalized duplicates are distinct here ('!' token)");
    assertEquals(p.validation().stream().map(Example::text).sorted().toList(),
        q.validation().stream().map(Example::text).sorted().toList());
    TrainingRun.Parts dup = TrainingRun.split(List.of(Example.of("Same text", "safe", "a"), Example.of("same TEXT", "hate", "b")), "safe", 0);
    assertEquals("hate", dup.train().getFirst().label(), "a text labelled both ways keeps the harmful label");
  }

  @Test
  void normalizationAndSentences() {
    assertEquals("rt __user__ : you are so stupid ! __url__", TextFeatures.normalize("RT @bob: You are SO stupid!!! https://x.co/a"));
    assertEquals("it's __num__ or 42", TextFeatures.normalize("It's 2024 or 42"));
    assertEquals(List.of("a b", ".", "c d", "?", "e"), TextFeatures.sentences("a b . c d ? e", 2, 1));
    assertEquals(List.of("a b .", "c d ?", "e"), TextFeatures.sentences("a b . c d ? e", 2, 3));
    assertEquals(List.of("a b . c d ?", "e f g ."), TextFeatures.sentences("a b . c d ? e f g .", 3, 6));
    assertEquals(List.of("a b . c"), TextFeatures.sentences("a b . c", 10, 10));
  }
}
