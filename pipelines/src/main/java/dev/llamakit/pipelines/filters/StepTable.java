package dev.llamakit.pipelines.filters;

import dev.llamakit.engine.suggest.Suggestions;
import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A table of named recipe steps read from a resource ({@code step name = class}), each class with a public nested
 * {@code Params} (public fields with their defaults; recipe keys in snake_case) and a public constructor taking it.
 * The one way steps are registered: {@link FilterRegistry} keeps the per-document rules in {@code rules.properties},
 * and the recipes' corpus steps (dedup, near-dedup, decontamination) are kept in another table the same way.
 *
 * <pre>{@code
 * StepTable<DocumentFilter> t = StepTable.load(FilterRegistry.class, "rules.properties", DocumentFilter.class);
 * DocumentFilter f = t.create("gopher_quality", Map.of("min_words", 50));
 * }</pre>
 *
 * @param <T> what the table's classes are
 */
public final class StepTable<T> {
  private final String table;
  private final Class<T> kind;
  private final String noun;
  private final Map<String, Class<? extends T>> steps;

  private StepTable(String table, Class<T> kind, String noun, Map<String, Class<? extends T>> steps) {
    this.table = table;
    this.kind = kind;
    this.noun = noun;
    this.steps = Collections.unmodifiableMap(steps);
  }

  /** Reads the table {@code resource} next to {@code owner}; every class must be a {@code kind}. */
  public static <T> StepTable<T> load(Class<?> owner, String resource, Class<T> kind) {
    return load(owner, resource, kind, "step");
  }

  /** As {@link #load(Class, String, Class)}, naming the entries {@code noun} in errors ("unknown format 'x'"). */
  public static <T> StepTable<T> load(Class<?> owner, String resource, Class<T> kind, String noun) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Resources.text(owner, resource)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
    Map<String, Class<? extends T>> m = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      String cls = p.getProperty(name).strip();
      try {
        m.put(name, Class.forName(cls).asSubclass(kind));
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new IllegalStateException(resource + ": step " + name + " names " + cls + ", not a "
            + kind.getSimpleName(), e);
      }
    }
    return new StepTable<>(resource, kind, noun, m);
  }

  /** Every step name, sorted. */
  public List<String> names() {
    return List.copyOf(steps.keySet());
  }

  public boolean contains(String step) {
    return steps.containsKey(step);
  }

  /** The parameters of a step with their defaults, in recipe (snake_case) names. */
  public Map<String, Object> defaults(String step) {
    return ParamsBinder.defaults(paramsType(stepClass(step)));
  }

  /**
   * Builds step {@code step} from recipe parameters (missing ones take their defaults).
   *
   * @throws IllegalArgumentException naming the unknown step, or the unknown, mistyped or invalid parameter
   */
  public T create(String step, Map<String, ?> params) {
    Class<? extends T> cls = stepClass(step);
    Class<?> type = paramsType(cls);
    Object bound = ParamsBinder.bind(step, type, params == null ? Map.of() : params);
    try {
      Constructor<? extends T> c = cls.getConstructor(type);
      return c.newInstance(bound);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof java.io.UncheckedIOException) {
        // a bad value or a model/table file that is missing or unreadable: the user's to fix
        throw new IllegalArgumentException(noun + " '" + step + "': " + cause.getMessage(), cause);
      }
      throw new IllegalStateException(noun + " '" + step + "': " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(cls.getName() + " needs a public constructor taking its Params", e);
    }
  }

  private Class<? extends T> stepClass(String step) {
    Class<? extends T> cls = steps.get(step);
    if (cls == null) {
      throw new IllegalArgumentException("unknown " + noun + " '" + step + "'"
          + Suggestions.didYouMean(step, steps.keySet()) + "; " + noun + "s: " + String.join(", ", steps.keySet()));
    }
    return cls;
  }

  private Class<?> paramsType(Class<?> cls) {
    for (Class<?> c : cls.getClasses()) {
      if (c.getSimpleName().equals("Params")) {
        return c;
      }
    }
    throw new IllegalStateException(table + ": " + cls.getName() + " (a " + kind.getSimpleName()
        + ") has no public nested Params class");
  }
}
