package dev.llamakit.pipelines.doc;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fields that the pipeline's steps add to a document — {@code perplexity}, {@code bucket}, a quality score, a
 * rule's measured values, and a JSONL input's own fields the pipeline does not know — in the order they were added.
 * Values are {@link Long}, {@link Double}, {@link String}, {@link Boolean}, a {@code List<String>} or a
 * {@link RawJson} (any other JSON value, kept as its text); they are written to the shards after cc_net's fields.
 * Immutable: every {@link #with} returns a copy.
 */
public final class Signals implements Serializable {
  /** No signals. */
  public static final Signals EMPTY = new Signals(new String[0], new Object[0]);

  // Parallel arrays in insertion order: a document carries a handful of signals, and a rule adds a dozen in a row,
  // so copying two short arrays beats copying a hash map on every with().
  private final String[] keys;
  private final Object[] values;

  private Signals(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** A copy with {@code key} set to {@code value} (replacing an earlier value, keeping its position). */
  public Signals with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    check(key, value);
    Object v = value instanceof List<?> l ? List.copyOf(l) : value;
    int i = indexOf(key);
    if (i >= 0) {
      Object[] vs = values.clone();
      vs[i] = v;
      return new Signals(keys, vs);
    }
    String[] ks = java.util.Arrays.copyOf(keys, keys.length + 1);
    Object[] vs = java.util.Arrays.copyOf(values, values.length + 1);
    ks[keys.length] = key;
    vs[values.length] = v;
    return new Signals(ks, vs);
  }

  /** A copy with every entry of {@code other} added. */
  public Signals withAll(Signals other) {
    if (other.keys.length == 0) {
      return this;
    }
    if (keys.length == 0) {
      return other;
    }
    Signals s = this;
    for (int i = 0; i < other.keys.length; i++) {
      s = s.with(other.keys[i], other.values[i]);
    }
    return s;
  }

  /** A copy with {@code item} appended to the string list under {@code key}. */
  public Signals append(String key, String item) {
    Object old = get(key);
    List<String> list = new java.util.ArrayList<>();
    if (old instanceof List<?> l) {
      for (Object o : l) {
        list.add((String) o);
      }
    }
    list.add(item);
    return with(key, list);
  }

  private int indexOf(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** The value under {@code key}, or null. */
  public Object get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  /** The string under {@code key}, or null. */
  public String string(String key) {
    Object v = get(key);
    return v == null ? null : v.toString();
  }

  /** The number under {@code key}, or NaN. */
  public double number(String key) {
    return get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** How many signals. */
  public int size() {
    return keys.length;
  }

  /** The entries in insertion order (an unmodifiable copy). */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  private static void check(String key, Object value) {
    if (!(value instanceof Long || value instanceof Double || value instanceof String || value instanceof Boolean
        || value instanceof List<?> || value instanceof RawJson)) {
      throw new IllegalArgumentException("signal " + key + ": a Long, Double, String, Boolean, List<String> or "
          + "RawJson, not "
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
    return o instanceof Signals s && java.util.Arrays.equals(s.keys, keys) && java.util.Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(keys) * 31 + java.util.Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
