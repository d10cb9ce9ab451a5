package dev.llamakit.pipelines.filters.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quality classifier scores with llamakit's pure-Java fastText; the model was trained, and was scored before,
 * with the native fastText (JFastText). On the shipped model both give the same P(wiki) for real and odd texts.
 */
class QualityModelParityTest {
  @Test
  void pureJavaScoresEqualTheNativeFastText() throws Exception {
    Path valid = SharedFiles.require("data/web/wikitext-2/valid.txt");
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(valid)) {
      if (line.strip().length() > 200 && texts.size() < 300) {
        texts.add(line);
      }
    }
    texts.add("");
    texts.add("BUY NOW!!! cheap pills $$$ click here http://spam.example/x?y=1 123456");
    texts.add("line one\nline two\twith a tab\r\nand a third");
    texts.add("日本語のテキストと English words mixed together.");
    QualityModel pure = QualityModel.load(QualityModel.DEFAULT, QualityModel.DEFAULT_LABEL);
    dev.llamakit.safety.fasttext.FastTextModel jni = dev.llamakit.safety.fasttext.FastTextModel.fromResource(
        QualityModel.class, QualityModel.DEFAULT_RESOURCE);
    double max = 0;
    for (String t : texts) {
      Map<String, Double> p = jni.probabilities(QualityModel.normalize(t));
      double expected = p.isEmpty() ? 0.0 : p.getOrDefault(QualityModel.DEFAULT_LABEL, 0.0);
      max = Math.max(max, Math.abs(expected - pure.score(t)));
    }
    assertTrue(texts.size() > 250);
    assertTrue(max <= 1e-6, "max |P(wiki) difference| " + max);
    assertEquals(List.of("cc", "wiki"), pure.labels().stream().sorted().toList());
  }
}
