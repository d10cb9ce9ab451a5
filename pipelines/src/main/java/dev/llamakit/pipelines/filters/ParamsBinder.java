package dev.llamakit.pipelines.filters;

import dev.llamakit.engine.suggest.Suggestions;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a step's recipe parameters (snake_case keys) onto its {@code Params} class, whose public fields carry the
 * defaults: the one place where step options get their defaults and their types checked. Unknown and mistyped
 * parameters are errors naming the step and the parameter, with near names suggested.
 */
public final class ParamsBinder {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  static {
    // "min_words: fifty" is an error, and so is a number where text is expected; 50 for a double is fine.
    MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    MAPPER.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }

  private ParamsBinder() {}

  /**
   * A {@code type} instance with its defaults overridden by {@code params}.
   *
   * @throws IllegalArgumentException "step 'S': unknown parameter 'x' (did you mean 'y'?)", "... must be ...", or
   *     "... has no value" (a parameter given without a value whose default is not null)
   */
  public static <T> T bind(String step, Class<T> type, Map<String, ?> params) {
    // "keep" or "keep:" with no value in YAML: an error, not a null the rule trips over later (no containsValue(null):
    // immutable maps reject the question)
    if (params.values().stream().anyMatch(java.util.Objects::isNull)) {
      Map<String, Object> defaults = defaults(type);
      for (Map.Entry<String, ?> e : params.entrySet()) {
        if (e.getValue() == null && defaults.get(e.getKey()) != null) {
          throw new IllegalArgumentException("step '" + step + "': parameter '" + e.getKey() + "' has no value "
              + "(its default is " + quote(defaults.get(e.getKey())) + ")");
        }
      }
    }
    try {
      return MAPPER.convertValue(params, type);
    } catch (IllegalArgumentException e) {
      Throwable c = e.getCause();
      if (c instanceof UnrecognizedPropertyException u) {
        List<String> known = parameters(type);
        throw new IllegalArgumentException("step '" + step + "': unknown parameter '" + u.getPropertyName() + "'"
            + Suggestions.didYouMean(u.getPropertyName(), known) + "; parameters: " + String.join(", ", known), e);
      }
      if (c instanceof MismatchedInputException m) {
        String field = m.getPath().isEmpty() ? "?" : m.getPath().getFirst().getFieldName();
        Object value = params.get(field);
        String expected = m.getTargetType() == null ? "of another type" : describe(m.getTargetType());
        throw new IllegalArgumentException("step '" + step + "': parameter '" + field + "' must be " + expected
            + ", not " + quote(value), e);
      }
      throw new IllegalArgumentException("step '" + step + "': " + e.getMessage(), e);
    }
  }

  /** The parameters of {@code type} with their defaults, in recipe (snake_case) names and declaration order. */
  public static Map<String, Object> defaults(Class<?> type) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = MAPPER.convertValue(type.getDeclaredConstructor().newInstance(), LinkedHashMap.class);
      return m;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " needs a public no-argument constructor", e);
    }
  }

  /** The recipe names of the parameters of {@code type}. */
  public static List<String> parameters(Class<?> type) {
    JavaType t = MAPPER.constructType(type);
    List<String> names = new ArrayList<>();
    for (BeanPropertyDefinition d : MAPPER.getDeserializationConfig().introspect(t).findProperties()) {
      names.add(d.getName());
    }
    return names;
  }

  private static String describe(Class<?> c) {
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return "a whole number";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
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
