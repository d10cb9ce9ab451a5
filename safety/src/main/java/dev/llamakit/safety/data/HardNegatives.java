package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Training hard negatives from {@code classifier/hard-negatives-train.json}: requests that use dangerous-sounding
 * words in safe senses (programming, cooking, sports, fiction, history, safety advice) and ordinary everyday requests,
 * every task crossed with every template, plus hand-written questions; label {@code safe}, source
 * {@code benign:hard-negatives}, split group = the task (or the question). Disjoint from the evaluation suites of
 * {@code protocol/eval-suites.json} (checked by a test).
 */
public final class HardNegatives {
  /** Resource path of the training file. */
  public static final String RESOURCE = "/dev/llamakit/safety/classifier/hard-negatives-train.json";

  private HardNegatives() {}

  /** All training hard negatives, in file order. */
  public static List<Example> load() {
    JsonNode root = read();
    List<Example> out = new ArrayList<>();
    root.get("domains").fields().forEachRemaining(d -> {
      for (JsonNode task : d.getValue()) {
        for (JsonNode t : root.get("templates")) {
          out.add(new Example(t.asText().replace("{task}", task.asText()), "safe", "benign:hard-negatives",
              "hard-negative:" + task.asText()));
        }
      }
    });
    for (JsonNode q : root.get("questions")) {
      out.add(new Example(q.asText(), "safe", "benign:hard-negatives", "hard-negative:" + q.asText()));
    }
    return out;
  }

  /** The raw file (templates, domains of tasks, questions), for disjointness checks. */
  public static JsonNode read() {
    try (InputStream in = HardNegatives.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
