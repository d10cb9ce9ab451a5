package dev.llamakit.safety.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.TrainingRun;
import dev.llamakit.safety.injection.InjectionDataset;
import dev.llamakit.safety.injection.PromptAttackClassifier;
import dev.llamakit.safety.injection.PromptAttackTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validation figures shipped beside each model ({@code *-validation.json}) are reproduced by rebuilding the
 * hash split from ../shared and scoring it with the shipped model (no training).
 */
class ShippedModelValidationTest {
  private static final double TOLERANCE = 0.01;

  @Test
  void moderationFiguresReproduce() throws Exception {
    Path train = SharedFiles.require("data/safety-train");
    List<Example> all = new ModerationDataset().load(train, train.getParent());
    List<Example> validation = TrainingRun.split(all, "safe", ModerationTrainer.VALIDATION_PERCENT).validation();
    Map<String, Object> now = ModerationTrainer.evaluate(ModerationClassifier.shipped(), validation);
    JsonNode shipped = new ObjectMapper().readTree(ModerationClassifier.class.getResourceAsStream("moderation-validation.json"));
    compare(shipped.at("/validation/overall"), (Map<?, ?>) now.get("overall"));
    // 0.92 before issue 14, 0.90 for the 12-07 model; 0.82 since the split also holds held-out written harmful
    // intents and trigger-word phrases (whole phrases held out, the hardest rows) and the prior token (safety/README.md).
    assertTrue(shipped.at("/validation/overall/auprc").asDouble() > 0.80, "AUPRC regressed");
  }

  @Test
  void promptAttackFiguresReproduce() throws Exception {
    Path train = SharedFiles.require("data/safety-train");
    List<Example> all = InjectionDataset.load(train, train.getParent(), PromptAttackTrainer.SEED);
    List<Example> validation = TrainingRun.split(all, "benign", PromptAttackTrainer.VALIDATION_PERCENT).validation();
    Map<String, Object> now = PromptAttackTrainer.evaluate(PromptAttackClassifier.shipped(), validation);
    JsonNode shipped = new ObjectMapper().readTree(PromptAttackClassifier.class.getResourceAsStream("prompt-attack-validation.json"));
    compare(shipped.at("/validation/jailbreak@0.8"), (Map<?, ?>) now.get("jailbreak@0.8"));
    compare(shipped.at("/validation/anyAttack@0.8"), (Map<?, ?>) now.get("anyAttack@0.8"));
  }

  private static void compare(JsonNode shipped, Map<?, ?> now) {
    assertEquals(shipped.get("n").asInt(), ((Number) now.get("n")).intValue(), "validation size");
    assertEquals(shipped.get("positives").asInt(), ((Number) now.get("positives")).intValue(), "positives");
    for (String k : List.of("precision", "recall", "f1", "fpr", "auprc")) {
      assertEquals(shipped.get(k).asDouble(), ((Number) now.get(k)).doubleValue(), TOLERANCE, k);
    }
  }
}
