package dev.llamakit.safety.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.safety.Decision;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationClassifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** llama-stack {@code RunShieldResponse} and OpenAI moderation shapes built from shield results. */
class ApiShapesTest {
  private static final dev.llamakit.safety.policy.Taxonomy TAX = ModerationClassifier.taxonomy();

  private static ShieldResult result(Decision d, double score, String... codes) {
    var cats = java.util.Arrays.stream(codes).map(c -> TAX.byCode(c).orElseThrow()).toList();
    Map<String, Double> scores = new java.util.LinkedHashMap<>();
    for (String c : codes) scores.put(c, score);
    return new ShieldResult("embedded-moderation", d, score, cats, scores, Duration.ofNanos(1000), d == Decision.ERROR ? "boom" : "");
  }

  @Test
  void runShieldResponse() {
    assertTrue(RunShieldResponse.of(result(Decision.ALLOW, 0.01)).get("violation").isNull());
    JsonNode v = RunShieldResponse.of(result(Decision.BLOCK, 0.97, "S9", "S1")).get("violation");
    assertEquals("error", v.get("violation_level").asText());
    assertEquals("S9,S1", v.at("/metadata/violation_type").asText());
    assertEquals(RunShieldResponse.CANNED, v.get("user_message").asText());
    assertEquals("warn", RunShieldResponse.of(result(Decision.WARN, 0.4, "S15")).at("/violation/violation_level").asText());
    assertEquals("boom", RunShieldResponse.of(result(Decision.ERROR, 1.0)).at("/violation/metadata/error").asText());
  }

  @Test
  void openAiModerationResponse() {
    JsonNode r = OpenAiModeration.response("modr-1", "embedded-moderation",
        List.of(List.of(result(Decision.BLOCK, 0.9, "S10")), List.of(result(Decision.ALLOW, 0.1)),
            List.of(result(Decision.ERROR, 1.0))));
    assertEquals(3, r.get("results").size());
    JsonNode a = r.get("results").get(0);
    assertTrue(a.get("flagged").asBoolean());
    assertTrue(a.at("/categories/hate").asBoolean());
    assertEquals(0.9, a.at("/category_scores/hate").asDouble(), 1e-9);
    assertEquals(13, a.get("categories").size());
    assertTrue(!r.get("results").get(1).get("flagged").asBoolean());
    assertTrue(r.get("results").get(2).get("flagged").asBoolean(), "ERROR is flagged (fail closed)");
  }
}
