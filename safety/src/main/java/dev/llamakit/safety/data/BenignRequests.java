package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benign request-style prompts from {@code classifier/benign-requests.json}: every template crossed with every
 * filler, and every activity object with each task template and a rotating verb, in file order (deterministic).
 * Each example's split group is its filler or object, so it is never on both sides of the split.
 */
public final class BenignRequests {
  private BenignRequests() {}

  /** All generated examples, label {@code safe} (or {@code label}), source {@code benign:requests}. */
  public static List<Example> load(String label) {
    return load(label, List.of());
  }

  /**
   * As {@link #load(String)}, with extra topics (e.g. WikiText-2 article titles and MMLU subject names, see
   * {@link BenignText#topics}) crossed with the topic templates.
   */
  public static List<Example> load(String label, List<String> extraTopics) {
    try (InputStream in = BenignRequests.class.getResourceAsStream("/dev/llamakit/safety/classifier/benign-requests.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Example> out = new ArrayList<>();
      cross(root.get("taskTemplates"), root.get("tasks"), "{task}", label, out);
      cross(root.get("topicTemplates"), root.get("topics"), "{topic}", label, out);
      // Activities: for every object, each task template with one of its verbs (rotating), so the verbs vary.
      root.path("activities").fields().forEachRemaining(e -> {
        String[] verbs = e.getKey().split("\\|");
        for (JsonNode obj : e.getValue()) {
          int t = 0;
          for (JsonNode tmpl : root.get("taskTemplates")) {
            String task = verbs[t++ % verbs.length] + " " + obj.asText();
            out.add(new Example(tmpl.asText().replace("{task}", task), label, "benign:requests", "benign-request:" + obj.asText()));
          }
        }
      });
      var extra = new ObjectMapper().createArrayNode();
      extraTopics.forEach(extra::add);
      cross(root.get("topicTemplates"), extra, "{topic}", label, out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classifier/benign-requests.json", e);
    }
  }

  /**
   * Creative-writing, explanation and conversational requests: every {@code creativeTemplates} entry (one is the bare
   * topic) crossed with the creative topics, the topics and {@code extraTopics}; source
   * {@code benign:creative-requests}, split group = the topic (the same group as its {@link #load} requests, so a
   * topic is on one side of the split only). Used by the moderation recipe (the prompt-attack recipe does not use it).
   */
  public static List<Example> creative(String label, List<String> extraTopics) {
    try (InputStream in = BenignRequests.class.getResourceAsStream("/dev/llamakit/safety/classifier/benign-requests.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Example> out = new ArrayList<>();
      var fillers = new ObjectMapper().createArrayNode();
      root.get("creativeTopics").forEach(fillers::add);
      root.get("topics").forEach(fillers::add);
      extraTopics.forEach(fillers::add);
      cross(root.get("creativeTemplates"), fillers, "{topic}", label, "benign:creative-requests", out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classifier/benign-requests.json", e);
    }
  }

  private static void cross(JsonNode templates, JsonNode fillers, String slot, String label, List<Example> out) {
    cross(templates, fillers, slot, label, "benign:requests", out);
  }

  private static void cross(JsonNode templates, JsonNode fillers, String slot, String label, String source,
                            List<Example> out) {
    for (JsonNode f : fillers) {
      for (JsonNode t : templates) {
        out.add(new Example(t.asText().replace(slot, f.asText()), label, source, "benign-request:" + f.asText()));
      }
    }
  }
}
