package dev.llamakit.safety.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered, editable list of {@link Category categories} with codes ({@code S1..S14}, {@code O1..O6}).
 *
 * <p>The built-in lists are resource files ({@code lg1}, {@code lg2}, {@code lg3}; {@code lg3-1b} is {@code lg3}
 * without S14). Edits return new taxonomies: {@link #without} drops categories and keeps the remaining codes
 * (llama-stack's {@code excluded_categories}), {@link #withCustom} appends a category under the next free code, and
 * {@link #renumbered} reassigns contiguous codes in order. Categories keep their stable {@code id} through every edit,
 * so a verdict's codes are always read back through the taxonomy that wrote the prompt.
 */
public final class Taxonomy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final String codePrefix;
  private final List<Category> categories;

  /** A taxonomy over the given categories (codes as given). */
  public Taxonomy(String id, String codePrefix, List<Category> categories) {
    this.id = id;
    this.codePrefix = codePrefix;
    this.categories = List.copyOf(categories);
    Set<String> codes = new java.util.HashSet<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Category c : this.categories) {
      if (!codes.add(c.code())) throw new IllegalArgumentException("taxonomy " + id + ": duplicate code " + c.code());
      if (!ids.add(c.id())) throw new IllegalArgumentException("taxonomy " + id + ": duplicate category id " + c.id());
    }
  }

  /** Loads a built-in taxonomy: {@code lg1}, {@code lg2}, {@code lg3}, {@code lg3-1b} or {@code prompt-attacks}. */
  public static Taxonomy builtIn(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "lg1", "llama-guard-1" -> load("lg1.json");
      case "lg2", "llama-guard-2" -> load("lg2.json");
      case "lg3", "lg3-8b", "llama-guard-3" -> load("lg3.json");
      case "lg3-1b", "llama-guard-3-1b" -> load("lg3.json").without(List.of("S14")).withId("llama-guard-3-1b");
      case "prompt-attacks" -> load("prompt-attacks.json");
      default -> throw new IllegalArgumentException(
          "unknown taxonomy '" + name + "' (known: lg1, lg2, lg3, lg3-1b, prompt-attacks)");
    };
  }

  /** Llama Guard 3's S1-S14. */
  public static Taxonomy lg3() { return builtIn("lg3"); }

  private static Taxonomy load(String resource) {
    try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource " + resource);
      return parse(JSON.readTree(in), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy resource " + resource, e);
    }
  }

  /** Reads a taxonomy from JSON: {@code {"id", "codePrefix", "categories": [{"id","name","cardName","description"}]}}. */
  public static Taxonomy parse(JsonNode root, String where) {
    String prefix = text(root, "codePrefix", where);
    List<Category> cats = new ArrayList<>();
    int n = 1;
    for (JsonNode c : root.path("categories")) {
      String code = c.hasNonNull("code") ? c.get("code").asText() : prefix + n;
      cats.add(new Category(text(c, "id", where), code, text(c, "name", where),
          c.path("cardName").asText(null), c.path("description").asText("")));
      n++;
    }
    if (cats.isEmpty()) throw new IllegalArgumentException(where + ": no categories");
    return new Taxonomy(text(root, "id", where), prefix, cats);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": missing text field '" + field + "'");
    }
    return v.asText();
  }

  public String id() { return id; }

  public String codePrefix() { return codePrefix; }

  public List<Category> categories() { return categories; }

  /** The category under {@code code} (case-insensitive), if any. */
  public Optional<Category> byCode(String code) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    return categories.stream().filter(x -> x.code().equalsIgnoreCase(c)).findFirst();
  }

  /** The category with stable id {@code id}, if any. */
  public Optional<Category> byId(String catId) {
    return categories.stream().filter(x -> x.id().equals(catId)).findFirst();
  }

  /** The category under {@code code}, or an {@link Category#unknown} placeholder. */
  public Category resolve(String code) {
    return byCode(code).orElseGet(() -> Category.unknown(code.strip().toUpperCase(Locale.ROOT)));
  }

  /** This taxonomy without the categories named by code or id; remaining codes are kept (llama-stack style). */
  public Taxonomy without(Collection<String> codesOrIds) {
    Set<String> drop = codesOrIds.stream().map(s -> s.strip()).collect(Collectors.toSet());
    for (String d : drop) {
      if (byCode(d).isEmpty() && byId(d).isEmpty()) {
        throw new IllegalArgumentException("taxonomy " + id + " has no category '" + d + "' (codes: "
            + categories.stream().map(Category::code).collect(Collectors.joining(",")) + ")");
      }
    }
    List<Category> kept = categories.stream()
        .filter(c -> !drop.contains(c.id()) && drop.stream().noneMatch(d -> d.equalsIgnoreCase(c.code()))).toList();
    return new Taxonomy(id, codePrefix, kept);
  }

  /** This taxonomy plus a custom category under the next free code (one above the highest number in use). */
  public Taxonomy withCustom(String catId, String name, String description) {
    int max = 0;
    for (Category c : categories) {
      String digits = c.code().substring(Math.min(codePrefix.length(), c.code().length()));
      if (digits.chars().allMatch(Character::isDigit) && !digits.isEmpty()) max = Math.max(max, Integer.parseInt(digits));
    }
    List<Category> cats = new ArrayList<>(categories);
    cats.add(new Category(catId, codePrefix + (max + 1), name, name, description));
    return new Taxonomy(id, codePrefix, cats);
  }

  /** The same categories, in order, under contiguous codes prefix1..prefixN. */
  public Taxonomy renumbered() {
    List<Category> cats = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) cats.add(categories.get(i).withCode(codePrefix + (i + 1)));
    return new Taxonomy(id, codePrefix, cats);
  }

  /** The same categories under another taxonomy id. */
  public Taxonomy withId(String newId) { return new Taxonomy(newId, codePrefix, categories); }

  /** Stable id to current code, e.g. {@code hate -> S10}. */
  public Map<String, String> codesById() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Category c : categories) m.put(c.id(), c.code());
    return m;
  }

  @Override
  public String toString() {
    return id + categories.stream().map(c -> c.code() + "=" + c.name()).collect(Collectors.joining(", ", "[", "]"));
  }
}
