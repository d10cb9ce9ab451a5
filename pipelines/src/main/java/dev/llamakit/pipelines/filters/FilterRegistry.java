package dev.llamakit.pipelines.filters;

import dev.llamakit.pipelines.io.Resources;
import dev.llamakit.engine.cli.Suggestions;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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

  private final Map<String, Class<? extends DocumentFilter>> rules;

  private FilterRegistry(Map<String, Class<? extends DocumentFilter>> rules) {
    this.rules = Collections.unmodifiableMap(rules);
  }

  /** The registry of every rule shipped with llamakit. */
  public static FilterRegistry standard() {
    FilterRegistry r = standard;
    if (r == null) {
      synchronized (FilterRegistry.class) {
        if (standard == null) {
          standard = load();
        }
        r = standard;
      }
    }
    return r;
  }

  private static FilterRegistry load() {
    Properties p = new Properties();
    try {
      p.load(new java.io.StringReader(Resources.text(FilterRegistry.class, TABLE)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + TABLE, e);
    }
    Map<String, Class<? extends DocumentFilter>> m = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      String cls = p.getProperty(name).strip();
      try {
        m.put(name, Class.forName(cls).asSubclass(DocumentFilter.class));
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new IllegalStateException(TABLE + ": rule " + name + " names " + cls + ", not a DocumentFilter", e);
      }
    }
    return new FilterRegistry(m);
  }

  /** Every step name, sorted. */
  public List<String> names() {
    return List.copyOf(rules.keySet());
  }

  public boolean contains(String step) {
    return rules.containsKey(step);
  }

  /** The parameters of a step with their defaults, in recipe (snake_case) names. */
  public Map<String, Object> defaults(String step) {
    return ParamsBinder.defaults(paramsType(ruleClass(step)));
  }

  /**
   * Builds the rule of {@code step} from recipe parameters (missing ones take their defaults).
   *
   * @throws IllegalArgumentException naming the unknown step, or the unknown or mistyped parameter, with near names
   */
  public DocumentFilter create(String step, Map<String, ?> params) {
    Class<? extends DocumentFilter> cls = ruleClass(step);
    Class<?> type = paramsType(cls);
    Object bound = ParamsBinder.bind(step, type, params == null ? Map.of() : params);
    try {
      Constructor<? extends DocumentFilter> c = cls.getConstructor(type);
      return c.newInstance(bound);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof java.io.UncheckedIOException) {
        // a bad value or a model/table file that is missing or unreadable: the user's to fix
        throw new IllegalArgumentException("step '" + step + "': " + cause.getMessage(), cause);
      }
      throw new IllegalStateException("step '" + step + "': " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(cls.getName() + " needs a public constructor taking its Params", e);
    }
  }

  private Class<? extends DocumentFilter> ruleClass(String step) {
    Class<? extends DocumentFilter> cls = rules.get(step);
    if (cls == null) {
      throw new IllegalArgumentException("unknown step '" + step + "'" + Suggestions.didYouMean(step, rules.keySet())
          + "; steps: " + String.join(", ", rules.keySet()));
    }
    return cls;
  }

  private static Class<?> paramsType(Class<?> rule) {
    for (Class<?> c : rule.getClasses()) {
      if (c.getSimpleName().equals("Params")) {
        return c;
      }
    }
    throw new IllegalStateException(rule.getName() + " has no public nested Params class");
  }
}
