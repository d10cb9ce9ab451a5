package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.fasttext.Split;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Training requests generated from {@code classifier/generated-requests.json} (issue 14): request templates crossed
 * with trigger words in their safe senses ({@link #safe()}, label {@code safe}, source {@link #SAFE_SOURCE}) and with
 * harmful intents per Llama Guard 3 category ({@link #harmful()}, label = the category id, source
 * {@link #HARMFUL_SOURCE}). Both sides share the templates, so only content words separate them. Each phrase takes
 * {@code perPhrase.safe} (intent: {@code perPhrase.harmful}) templates, chosen by the FNV-1a hash of phrase and
 * template (deterministic); the split group is
 * the phrase, so a phrase is never on both sides of a validation split.
 */
public final class GeneratedRequests {
  /** Resource path of the table. */
  public static final String RESOURCE = "/dev/llamakit/safety/classifier/generated-requests.json";
  /** Source of the safe trigger-word requests (a generic benign source: capped in the protocol's trainings). */
  public static final String SAFE_SOURCE = "benign:trigger-words";
  /** Source of the harmful requests. */
  public static final String HARMFUL_SOURCE = "generated:harmful-requests";

  private GeneratedRequests() {}

  /** Trigger words in safe senses, word by word, sense by sense, in file order. */
  public static List<Example> safe() {
    JsonNode root = read();
    List<Example> out = new ArrayList<>();
    root.get("triggerWords").fields().forEachRemaining(w -> w.getValue().fields().forEachRemaining(sense -> {
      for (JsonNode p : sense.getValue()) expand(root, p.asText(), "safe", SAFE_SOURCE, "safe", out);
    }));
    return out;
  }

  /** Harmful intents, category by category, in file order. */
  public static List<Example> harmful() {
    JsonNode root = read();
    List<Example> out = new ArrayList<>();
    root.get("harmful").fields().forEachRemaining(c -> {
      for (JsonNode p : c.getValue()) expand(root, p.asText(), c.getKey(), HARMFUL_SOURCE, "harmful", out);
    });
    return out;
  }

  private static void expand(JsonNode root, String phrase, String label, String source, String side,
      List<Example> out) {
    List<String> templates = new ArrayList<>();
    root.get("templates").forEach(t -> templates.add(t.asText()));
    templates.sort(Comparator.comparingLong(t -> Split.fnv1a(phrase + "\u0000" + t)));
    int n = Math.min(root.get("perPhrase").get(side).asInt(), templates.size());
    for (String t : templates.subList(0, n)) {
      String text = t.equals("{p}") ? capitalize(phrase) + "." : t.replace("{p}", phrase);
      out.add(new Example(text, label, source, "generated:" + phrase));
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The raw table (templates, trigger words by sense, harmful intents by category), for disjointness checks. */
  public static JsonNode read() {
    try (InputStream in = GeneratedRequests.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
