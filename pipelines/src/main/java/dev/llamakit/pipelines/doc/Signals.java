package dev.llamakit.pipelines.doc;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fields that the pipeline's steps add to a document — {@code perplexity}, {@code bucket}, a quality score, a
 * rule's measured values — in the order they were added. Values are {@link Long}, {@link Double}, {@link String},
 * {@link Boolean} or a {@code List<String>}; they are written to the shards after cc_net's fields. Immutable: every
 * {@link #with} returns a copy.
 */
public final class Signals implements Serializable {
  /** No signals. */
  public static final Signals EMPTY = new Signals(Map.of());

  private final Map<String, Object> values;

  private Signals(Map<String, Object> values) {
    this.values = values;
  }

  /** A copy with {@code key} set to {@code value} (replacing an earlier value, keeping its position). */
  public Signals with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    check(key, value);
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(key, value instanceof List<?> l ? List.copyOf(l) : value);
    return new Signals(Collections.unmodifiableMap(m));
  }

  /** A copy with every entry of {@code other} added. */
  public Signals withAll(Signals other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.putAll(other.values);
    return new Signals(Collections.unmodifiableMap(m));
  }

  /** A copy with {@code item} appended to the string list under {@code key}. */
  public Signals append(String key, String item) {
    Object old = values.get(key);
    List<String> list = new java.util.ArrayList<>();
    if (old instanceof List<?> l) {
      for (Object o : l) {
        list.add((String) o);
      }
    }
    list.add(item);
    return with(key, list);
  }

  /** The value under {@code key}, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** The string under {@code key}, or null. */
  public String string(String key) {
    Object v = values.get(key);
    return v == null ? null : v.toString();
  }

  /** The number under {@code key}, or NaN. */
  public double number(String key) {
    return values.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The entries in insertion order (unmodifiable). */
  public Map<String, Object> asMap() {
    return values;
  }

  private static void check(String key, Object value) {
    if (!(value instanceof Long || value instanceof Double || value instanceof String || value instanceof Boolean
        || value instanceof List<?>)) {
      throw new IllegalArgumentException("signal " + key + ": a Long, Double, String, Boolean or List<String>, not "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    if (value instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException("signal " + key + ": list items must be strings");
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signals s && s.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
