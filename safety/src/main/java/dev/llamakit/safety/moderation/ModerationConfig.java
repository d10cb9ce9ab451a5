package dev.llamakit.safety.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.Shields;
import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.classifier.ModerationShield;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The moderation pipeline as data: which shields (by id) judge each input role and the output, the output window and
 * its overlap, and per-category thresholds; {@link #build} turns it into a {@link ModerationFilter.Config}. A file
 * holds the same fields as JSON (every field optional, defaults below; an unknown field or a bad value is an error
 * naming the file and the field):
 *
 * <pre>{@code
 * {"input": {"user": ["embedded-moderation", "prompt-attack"], "tool": ["prompt-attack"]},
 *  "output": ["embedded-moderation", "code-shield"],
 *  "window_chars": 400, "overlap_chars": 100,
 *  "thresholds": {"S9": 0.3, "S12": 0.8},
 *  "strength": "medium", "allowlist": ["kill (a|the) (python )?process"]}
 * }</pre>
 *
 * {@code strength} ({@code low}, {@code medium}, {@code high}; presets in {@code moderation/strength-presets.json})
 * sets the embedded moderation shield's block and warn thresholds; {@code allowlist} holds regular expressions of
 * phrases the deployer trusts, blanked out before every shield judges a message ({@link Allowlist}).
 *
 * Shield ids are the built-in ones ({@link Shields#ids()}) plus those the caller supplies to {@link #build} (e.g.
 * {@code llama-guard} on a loaded guard model).
 *
 * @param input shield ids per input role (USER, TOOL)
 * @param output shield ids for the reply
 * @param windowChars new reply characters per output check
 * @param overlapChars characters of the previous window each check also sees
 * @param thresholds per-category thresholds by category code ({@link CategoryThresholds})
 * @param strength the embedded moderation shield's preset: low, medium (default) or high
 * @param allowlist regular expressions of trusted phrases ({@link Allowlist})
 */
public record ModerationConfig(Map<Role, List<String>> input, List<String> output, int windowChars, int overlapChars,
    Map<String, Double> thresholds, String strength, List<String> allowlist) {
  private static final Set<String> FIELDS = Set.of("input", "output", "window_chars", "overlap_chars", "thresholds",
      "strength", "allowlist");

  /** A config at medium strength with no allowlist. */
  public ModerationConfig(Map<Role, List<String>> input, List<String> output, int windowChars, int overlapChars,
      Map<String, Double> thresholds) {
    this(input, output, windowChars, overlapChars, thresholds, "medium", List.of());
  }

  public ModerationConfig {
    input = Map.copyOf(input);
    output = List.copyOf(output);
    thresholds = Map.copyOf(thresholds);
    allowlist = List.copyOf(allowlist);
    StrengthPresets.of(strength);
    new Allowlist(null, allowlist);
    if (windowChars < 16) {
      throw new IllegalArgumentException("window_chars is " + windowChars + ": must be >= 16");
    }
    if (overlapChars < 0) {
      throw new IllegalArgumentException("overlap_chars is " + overlapChars + ": must be >= 0");
    }
  }

  /** The filter's defaults: USER = moderation + prompt attack, TOOL = prompt attack, output = moderation + code. */
  public static ModerationConfig defaults() {
    return new ModerationConfig(Map.of(Role.USER, List.of("embedded-moderation", "prompt-attack"), Role.TOOL,
        List.of("prompt-attack")), List.of("embedded-moderation", "code-shield"), 400, 100, Map.of());
  }

  /** The same shield ids on USER input and on the output (TOOL input: prompt attack when listed). */
  public static ModerationConfig ofShields(List<String> ids) {
    List<String> tool = ids.contains("prompt-attack") ? List.of("prompt-attack") : List.of();
    List<String> out = ids.stream().filter(id -> !id.equals("prompt-attack")).toList();
    return new ModerationConfig(Map.of(Role.USER, ids, Role.TOOL, tool), out, 400, 100, Map.of());
  }

  /** This config with {@code id} added to the USER input shields and to the output shields. */
  public ModerationConfig withShield(String id) {
    Map<Role, List<String>> in = new EnumMap<>(Role.class);
    in.putAll(input);
    List<String> user = new ArrayList<>(in.getOrDefault(Role.USER, List.of()));
    user.add(id);
    in.put(Role.USER, user);
    List<String> out = new ArrayList<>(output);
    out.add(id);
    return new ModerationConfig(in, out, windowChars, overlapChars, thresholds, strength, allowlist);
  }

  /** This config at another strength ({@code low}, {@code medium}, {@code high}). */
  public ModerationConfig withStrength(String s) {
    return new ModerationConfig(input, output, windowChars, overlapChars, thresholds, s, allowlist);
  }

  /** This config with these allowlist patterns. */
  public ModerationConfig withAllowlist(List<String> patterns) {
    return new ModerationConfig(input, output, windowChars, overlapChars, thresholds, strength, patterns);
  }

  /** This config with another output window and overlap. */
  public ModerationConfig withWindow(int window, int overlap) {
    return new ModerationConfig(input, output, window, overlap, thresholds, strength, allowlist);
  }

  /** Reads a config file (JSON); errors name the file and the field. */
  public static ModerationConfig read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a moderation config must be a JSON object");
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static ModerationConfig parse(JsonNode root) {
    root.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field \"" + f + "\" (known: " + FIELDS + ")");
      }
    });
    ModerationConfig d = defaults();
    Map<Role, List<String>> in = d.input();
    if (root.has("input")) {
      JsonNode n = root.get("input");
      if (!n.isObject()) {
        throw new IllegalArgumentException("field \"input\" must be an object of role -> shield ids");
      }
      Map<Role, List<String>> m = new EnumMap<>(Role.class);
      n.fields().forEachRemaining(e -> {
        Role r;
        try {
          r = Role.parse(e.getKey());
        } catch (IllegalArgumentException x) {
          throw new IllegalArgumentException("field \"input." + e.getKey() + "\": " + x.getMessage());
        }
        m.put(r, ids(e.getValue(), "input." + e.getKey()));
      });
      in = m;
    }
    List<String> out = root.has("output") ? ids(root.get("output"), "output") : d.output();
    int window = root.has("window_chars") ? integer(root.get("window_chars"), "window_chars") : d.windowChars();
    int overlap = root.has("overlap_chars") ? integer(root.get("overlap_chars"), "overlap_chars") : d.overlapChars();
    Map<String, Double> th = new LinkedHashMap<>();
    if (root.has("thresholds")) {
      JsonNode n = root.get("thresholds");
      if (!n.isObject()) {
        throw new IllegalArgumentException("field \"thresholds\" must be an object of category code -> number");
      }
      n.fields().forEachRemaining(e -> {
        if (!e.getValue().isNumber() || e.getValue().asDouble() < 0 || e.getValue().asDouble() > 1) {
          throw new IllegalArgumentException("field \"thresholds." + e.getKey() + "\" must be a number in [0, 1], got "
              + e.getValue());
        }
        th.put(e.getKey(), e.getValue().asDouble());
      });
    }
    String strength = d.strength();
    if (root.has("strength")) {
      if (!root.get("strength").isTextual()) {
        throw new IllegalArgumentException("field \"strength\" must be low, medium or high, got " + root.get("strength"));
      }
      strength = root.get("strength").asText();
      try {
        StrengthPresets.of(strength);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field \"strength\": " + e.getMessage());
      }
    }
    List<String> allow = root.has("allowlist") ? ids(root.get("allowlist"), "allowlist") : List.of();
    try {
      new Allowlist(null, allow);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"allowlist\": " + e.getMessage());
    }
    try {
      return new ModerationConfig(in, out, window, overlap, th, strength, allow);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"" + e.getMessage().split(" ")[0] + "\": " + e.getMessage(), e);
    }
  }

  private static List<String> ids(JsonNode n, String field) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be an array of shield ids");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new IllegalArgumentException("field \"" + field + "\" must hold strings, got " + x);
      }
      out.add(x.asText());
    }
    return out;
  }

  private static int integer(JsonNode n, String field) {
    if (!n.isInt()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be an integer, got " + n);
    }
    return n.asInt();
  }

  /** Every shield id this config names. */
  public Set<String> shieldIds() {
    Set<String> ids = new java.util.LinkedHashSet<>();
    input.values().forEach(ids::addAll);
    ids.addAll(output);
    return ids;
  }

  /**
   * The filter config: each id resolved among {@code extra} (e.g. {@code "llama-guard"}) then the built-in shields
   * (an unknown id is an error suggesting near ones), each wrapped in the thresholds when there are any.
   */
  public ModerationFilter.Config build(Map<String, Shield> extra) {
    Map<String, Shield> made = new LinkedHashMap<>();
    for (String id : shieldIds()) {
      Shield s = extra.containsKey(id) ? extra.get(id)
          : id.equals("embedded-moderation") ? new ModerationShield(ModerationClassifier.shipped(),
              StrengthPresets.of(strength)) : Shields.byId(id);
      if (!thresholds.isEmpty()) s = new CategoryThresholds(s, thresholds);
      if (!allowlist.isEmpty()) s = new Allowlist(s, allowlist);
      made.put(id, s);
    }
    Map<Role, List<Shield>> in = new EnumMap<>(Role.class);
    input.forEach((r, ids) -> in.put(r, ids.stream().map(made::get).toList()));
    return new ModerationFilter.Config(in, output.stream().map(made::get).toList(), windowChars, overlapChars);
  }
}
