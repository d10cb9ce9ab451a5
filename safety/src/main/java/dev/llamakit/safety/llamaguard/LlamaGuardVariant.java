package dev.llamakit.safety.llamaguard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.policy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Llama Guard prompt format (template text, default taxonomy, whitespace quirks, scoring tokens), read from
 * {@code llamaguard/variants.json}: {@code lg1-hf}, {@code lg1-cookbook}, {@code lg2-hf}, {@code lg3-8b-hf},
 * {@code lg3-1b-hf}.
 *
 * @param verdictPrefix text appended to the rendered prompt before the verdict distribution is read: {@code "\n\n"}
 *     for Llama Guard 3 (its first generated token is {@code "\n\n"}, id 271), empty for Llama Guard 1 and 2
 * @param safeTokens single-token texts whose probabilities sum to P(safe)
 * @param unsafeTokens single-token texts whose probabilities sum to P(unsafe)
 */
public record LlamaGuardVariant(String name, String model, String template, Taxonomy taxonomy, boolean descriptions,
                                Set<String> trailingSpace, boolean addBos, String verdictPrefix,
                                List<String> safeTokens, List<String> unsafeTokens) {

  private static final Map<String, LlamaGuardVariant> ALL = loadAll();

  /** The variant named {@code name}; unknown names list the known ones. */
  public static LlamaGuardVariant named(String name) {
    LlamaGuardVariant v = ALL.get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown Llama Guard variant '" + name + "' (known: "
          + String.join(", ", ALL.keySet()) + ")");
    }
    return v;
  }

  /** All variant names, in file order. */
  public static List<String> names() { return List.copyOf(ALL.keySet()); }

  /** This variant with another taxonomy (custom, reduced or renumbered categories). */
  public LlamaGuardVariant withTaxonomy(Taxonomy t) {
    return new LlamaGuardVariant(name, model, template, t, descriptions, trailingSpace, addBos, verdictPrefix,
        safeTokens, unsafeTokens);
  }

  /** This variant with category descriptions on (policy text under each name) or off. */
  public LlamaGuardVariant withDescriptions(boolean on) {
    return new LlamaGuardVariant(name, model, template, taxonomy, on, trailingSpace, addBos, verdictPrefix,
        safeTokens, unsafeTokens);
  }

  private static Map<String, LlamaGuardVariant> loadAll() {
    try (InputStream in = LlamaGuardVariant.class.getResourceAsStream("variants.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, LlamaGuardVariant> m = new LinkedHashMap<>();
      var it = root.get("variants").fields();
      while (it.hasNext()) {
        var e = it.next();
        JsonNode v = e.getValue();
        m.put(e.getKey(), new LlamaGuardVariant(e.getKey(), v.get("model").asText(), resource(v.get("template").asText()),
            Taxonomy.builtIn(v.get("taxonomy").asText()), v.get("descriptions").asBoolean(),
            Set.copyOf(strings(v.get("trailingSpace"))), v.get("addBos").asBoolean(), v.get("verdictPrefix").asText(),
            strings(v.get("safeTokens")), strings(v.get("unsafeTokens"))));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read llamaguard/variants.json", e);
    }
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = LlamaGuardVariant.class.getResourceAsStream(file)) {
      if (in == null) throw new IOException("missing template resource llamaguard/" + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
