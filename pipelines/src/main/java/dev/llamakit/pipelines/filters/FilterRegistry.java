package dev.llamakit.pipelines.filters;

import java.util.List;
import java.util.Map;

/**
 * The rules a recipe can name, read from the resource table {@code rules.properties} ({@code step name = rule
 * class}). A rule class has a public nested {@code Params} class whose public fields, with their defaults, are the
 * step's parameters (recipe keys in snake_case: {@code minWords} is {@code min_words}), and a public constructor
 * taking that {@code Params}. So a new rule is one class, one test and one line in the table.
 *
 * <p>Unknown step names and unknown or mistyped parameters are errors that name them and suggest near names.
 *
 * <pre>{@code
 * DocumentFilter f = FilterRegistry.standard().create("gopher_quality", Map.of("min_words", 50));
 * }</pre>
 */
public final class FilterRegistry {
  private static final String TABLE = "rules.properties";
  private static volatile FilterRegistry standard;

  private final StepTable<DocumentFilter> rules;

  private FilterRegistry(StepTable<DocumentFilter> rules) {
    this.rules = rules;
  }

  /** The registry of every rule shipped with llamakit. */
  public static FilterRegistry standard() {
    FilterRegistry r = standard;
    if (r == null) {
      synchronized (FilterRegistry.class) {
        if (standard == null) {
          standard = new FilterRegistry(StepTable.load(FilterRegistry.class, TABLE, DocumentFilter.class));
        }
        r = standard;
      }
    }
    return r;
  }

  /** Every step name, sorted. */
  public List<String> names() {
    return rules.names();
  }

  public boolean contains(String step) {
    return rules.contains(step);
  }

  /** The parameters of a step with their defaults, in recipe (snake_case) names. */
  public Map<String, Object> defaults(String step) {
    return rules.defaults(step);
  }

  /**
   * Builds the rule of {@code step} from recipe parameters (missing ones take their defaults).
   *
   * @throws IllegalArgumentException naming the unknown step, or the unknown or mistyped parameter, with near names
   */
  public DocumentFilter create(String step, Map<String, ?> params) {
    return rules.create(step, params);
  }
}
