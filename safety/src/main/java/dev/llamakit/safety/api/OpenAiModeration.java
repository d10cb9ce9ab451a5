package dev.llamakit.safety.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes shield results as an OpenAI moderation response ({@code {id, model, results: [{flagged, categories,
 * category_scores}]}}), one result per input text, with the category mapping of {@code api/openai-categories.json}.
 * {@code flagged} is true when any shield blocked (ERROR included); scores are the shields' probabilities where they
 * have them (not 1.0/0.0 as llama-stack's Llama Guard provider reports).
 */
public final class OpenAiModeration {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = new ArrayList<>();
  private static final Map<String, List<String>> MAP = new LinkedHashMap<>();

  static {
    try (InputStream in = OpenAiModeration.class.getResourceAsStream("openai-categories.json")) {
      JsonNode root = JSON.readTree(in);
      root.get("keys").forEach(k -> KEYS.add(k.asText()));
      root.get("map").fields().forEachRemaining(e -> {
        List<String> ks = new ArrayList<>();
        e.getValue().forEach(k -> ks.add(k.asText()));
        MAP.put(e.getKey(), ks);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read api/openai-categories.json", e);
    }
  }

  private OpenAiModeration() {}

  /** The response for several texts; {@code perText.get(i)} holds every shield's result on text i. */
  public static ObjectNode response(String id, String model, List<List<ShieldResult>> perText) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("model", model);
    var results = root.putArray("results");
    for (List<ShieldResult> rs : perText) results.add(result(rs));
    return root;
  }

  /** One {@code results[]} entry. */
  public static ObjectNode result(List<ShieldResult> rs) {
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Boolean> flags = new LinkedHashMap<>();
    for (String k : KEYS) {
      scores.put(k, 0.0);
      flags.put(k, false);
    }
    boolean flagged = false;
    for (ShieldResult r : rs) {
      flagged |= r.decision().blocks();
      for (Category c : r.categories()) {
        for (String k : MAP.getOrDefault(c.id(), List.of())) {
          flags.put(k, flags.get(k) || r.decision().blocks());
          scores.merge(k, r.categoryScores().getOrDefault(c.code(), r.score()), Math::max);
        }
      }
      for (var e : r.categoryScores().entrySet()) {
        // Scores of categories that were not named still inform category_scores.
        String catId = idOfCode(r, e.getKey());
        for (String k : MAP.getOrDefault(catId, List.of())) scores.merge(k, e.getValue(), Math::max);
      }
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("flagged", flagged);
    ObjectNode cats = o.putObject("categories");
    flags.forEach(cats::put);
    ObjectNode cs = o.putObject("category_scores");
    scores.forEach(cs::put);
    return o;
  }

  private static String idOfCode(ShieldResult r, String code) {
    for (Category c : r.categories()) if (c.code().equals(code)) return c.id();
    return dev.llamakit.safety.classifier.ModerationClassifier.taxonomy().byCode(code).map(Category::id).orElse("");
  }
}
