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
 * filler, in file order (deterministic). Each example's split group is its filler, so a filler is never on both
 * sides of the split.
 */
public final class BenignRequests {
  private BenignRequests() {}

  /** All generated examples, label {@code safe} (or {@code label}), source {@code benign:requests}. */
  public static List<Example> load(String label) {
    try (InputStream in = BenignRequests.class.getResourceAsStream("/dev/llamakit/safety/classifier/benign-requests.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Example> out = new ArrayList<>();
      cross(root.get("taskTemplates"), root.get("tasks"), "{task}", label, out);
      cross(root.get("topicTemplates"), root.get("topics"), "{topic}", label, out);
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
