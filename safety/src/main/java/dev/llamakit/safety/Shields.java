package dev.llamakit.safety;

import dev.llamakit.safety.classifier.ModerationShield;
import dev.llamakit.safety.code.InsecureCodeShield;
import dev.llamakit.safety.injection.PromptAttackShield;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in shields by id ({@code embedded-moderation}, {@code prompt-attack}, {@code code-shield}); an unknown id
 * is an error that suggests the nearest known ones. Llama Guard shields need a model and are built with
 * {@link dev.llamakit.safety.llamaguard.LlamaGuardShield} directly.
 */
public final class Shields {
  private static final Map<String, Supplier<Shield>> BUILT_IN = new LinkedHashMap<>();

  static {
    BUILT_IN.put("embedded-moderation", ModerationShield::standard);
    BUILT_IN.put("prompt-attack", PromptAttackShield::standard);
    BUILT_IN.put("code-shield", InsecureCodeShield::standard);
  }

  private Shields() {}

  /** The ids of the built-in shields. */
  public static List<String> ids() { return List.copyOf(BUILT_IN.keySet()); }

  /** The shield with this id. */
  public static Shield byId(String id) {
    Supplier<Shield> s = BUILT_IN.get(id);
    if (s == null) {
      String near = BUILT_IN.keySet().stream()
          .sorted(java.util.Comparator.comparingInt(k -> dev.llamakit.engine.suggest.Suggestions.distance(k, id)))
          .limit(2).reduce((a, b) -> a + ", " + b).orElse("");
      throw new IllegalArgumentException("unknown shield '" + id + "'; did you mean: " + near + "? (known: " + ids() + ")");
    }
    return s.get();
  }
}
