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

  private static void cross(JsonNode templates, JsonNode fillers, String slot, String label, List<Example> out) {
    for (JsonNode f : fillers) {
      for (JsonNode t : templates) {
        out.add(new Example(t.asText().replace(slot, f.asText()), label, "benign:requests", "benign-request:" + f.asText()));
      }
    }
  }
}
