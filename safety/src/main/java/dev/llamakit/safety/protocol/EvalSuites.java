package dev.llamakit.safety.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.data.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation-only suites of {@code protocol/eval-suites.json}: the hard-negative suite (dangerous words in safe
 * senses, source {@code suite:hard-negatives:<domain>}) and the benign-request suite (ordinary requests, source
 * {@code suite:benign-requests}); every text is safe. Tasks are crossed with the suite's templates; questions are used
 * as written. Never training data.
 */
public final class EvalSuites {
  /** Resource path of the suites. */
  public static final String RESOURCE = "/dev/llamakit/safety/protocol/eval-suites.json";
  /** Source prefix of the hard-negative suite. */
  public static final String HARD_NEGATIVES = "suite:hard-negatives";
  /** Source of the benign-request suite. */
  public static final String BENIGN_REQUESTS = "suite:benign-requests";

  private EvalSuites() {}

  /** The hard-negative suite, domain by domain. */
  public static List<Example> hardNegatives() {
    JsonNode h = read().get("hardNegatives");
    List<Example> out = new ArrayList<>();
    h.get("domains").fields().forEachRemaining(d ->
        expand(h.get("templates"), d.getValue(), HARD_NEGATIVES + ":" + d.getKey(), out));
    return out;
  }

  /** The benign-request suite. */
  public static List<Example> benignRequests() {
    JsonNode b = read().get("benignRequests");
    List<Example> out = new ArrayList<>();
    expand(b.get("templates"), b, BENIGN_REQUESTS, out);
    return out;
  }

  private static void expand(JsonNode templates, JsonNode part, String source, List<Example> out) {
    for (JsonNode task : part.path("tasks")) {
      for (JsonNode t : templates) {
        out.add(new Example(t.asText().replace("{task}", task.asText()), "safe", source, "suite:" + task.asText()));
      }
    }
    for (JsonNode q : part.path("questions")) out.add(new Example(q.asText(), "safe", source, "suite:" + q.asText()));
  }

  /** The prompts of the issue-14 tour that we have: benign ones (must be allowed) and injections (must be caught). */
  public record Tour(List<String> benign, List<String> injection) {}

  /** The tour prompts. */
  public static Tour tour() {
    JsonNode t = read().get("tour");
    List<String> b = new ArrayList<>();
    List<String> i = new ArrayList<>();
    t.get("benign").forEach(x -> b.add(x.asText()));
    t.get("injection").forEach(x -> i.add(x.asText()));
    return new Tour(List.copyOf(b), List.copyOf(i));
  }

  /** The raw file, for disjointness checks. */
  public static JsonNode read() {
    try (InputStream in = EvalSuites.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
