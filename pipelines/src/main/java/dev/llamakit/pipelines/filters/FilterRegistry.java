package dev.llamakit.pipelines.filters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
  private static final ObjectMapper PARAMS = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  static {
    // "min_words: fifty" is an error, and so is a number where text is expected; 50 for a double is fine.
    PARAMS.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    PARAMS.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    PARAMS.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    PARAMS.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }

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
    try (InputStream in = FilterRegistry.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TABLE + " is missing from the jar");
      }
      p.load(in);
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
    Class<?> type = paramsType(ruleClass(step));
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = PARAMS.convertValue(type.getDeclaredConstructor().newInstance(), LinkedHashMap.class);
      return m;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " needs a public no-argument constructor", e);
    }
  }

  /**
   * Builds the rule of {@code step} from recipe parameters (missing ones take their defaults).
   *
   * @throws IllegalArgumentException naming the unknown step, or the unknown or mistyped parameter, with near names
   */
  public DocumentFilter create(String step, Map<String, ?> params) {
    Class<? extends DocumentFilter> cls = ruleClass(step);
    Class<?> type = paramsType(cls);
    Object bound = bind(step, type, params == null ? Map.of() : params);
    try {
      Constructor<? extends DocumentFilter> c = cls.getConstructor(type);
      return c.newInstance(bound);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException("step '" + step + "': " + iae.getMessage(), iae);
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

  private static Object bind(String step, Class<?> type, Map<String, ?> params) {
    try {
      return PARAMS.convertValue(params, type);
    } catch (IllegalArgumentException e) {
      Throwable c = e.getCause();
      if (c instanceof UnrecognizedPropertyException u) {
        List<String> known = knownParameters(type);
        throw new IllegalArgumentException("step '" + step + "': unknown parameter '" + u.getPropertyName() + "'"
            + Suggestions.didYouMean(u.getPropertyName(), known) + "; parameters: " + String.join(", ", known), e);
      }
      if (c instanceof MismatchedInputException m) {
        String field = m.getPath().isEmpty() ? "?" : m.getPath().getLast().getFieldName();
        Object value = params.get(field);
        String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
        throw new IllegalArgumentException("step '" + step + "': parameter '" + field + "' must be " + expected
            + (c instanceof InvalidFormatException || value != null ? ", not " + quote(value) : ""), e);
      }
      throw new IllegalArgumentException("step '" + step + "': " + e.getMessage(), e);
    }
  }

  private static List<String> knownParameters(Class<?> type) {
    JavaType t = PARAMS.constructType(type);
    List<String> names = new ArrayList<>();
    for (BeanPropertyDefinition d : PARAMS.getDeserializationConfig().introspect(t).findProperties()) {
      names.add(d.getName());
    }
    return names;
  }

  private static String describe(Class<?> c) {
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return "a whole number";
    }
    if (c == double.class || c == Double.class || c == float.class) {
      return "a number";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true or false";
    }
    if (c == String.class) {
      return "text";
    }
    if (List.class.isAssignableFrom(c) || c.isArray()) {
      return "a list";
    }
    return "a " + c.getSimpleName();
  }

  private static String quote(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }
}
