package dev.llamakit.safety.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.classifier.ModerationShield;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The filter strength presets of the embedded moderation shield ({@code moderation/strength-presets.json}):
 * {@code low}, {@code medium} (the shipped default) and {@code high}, each a block and a warn threshold on the
 * unsafe score; the category-naming threshold and the warn-only categories are the defaults'.
 *
 * <pre>{@code
 * ModerationShield s = new ModerationShield(ModerationClassifier.shipped(), StrengthPresets.of("high"));
 * }</pre>
 */
public final class StrengthPresets {
  /** The preset names, weakest first. */
  public static final List<String> NAMES = List.of("low", "medium", "high");
  private static final JsonNode TABLE = load();

  private StrengthPresets() {}

  /** The shield config of a preset; an unknown name is an error listing the known ones. */
  public static ModerationShield.Config of(String name) {
    JsonNode p = name == null ? null : TABLE.get(name);
    if (p == null || !NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown strength '" + name + "' (known: low, medium, high)");
    }
    ModerationShield.Config d = ModerationShield.Config.defaults();
    return new ModerationShield.Config(p.get("block").asDouble(), p.get("warn").asDouble(), d.categoryThreshold(),
        d.warnOnly());
  }

  private static JsonNode load() {
    try (InputStream in = StrengthPresets.class.getResourceAsStream("/dev/llamakit/safety/moderation/strength-presets.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read moderation/strength-presets.json", e);
    }
  }
}
