package dev.llamakit.engine.gguf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file, with typed getters that name the key and the file when a value is missing
 * or of the wrong type.
 *
 * <p>Values are Java objects: {@code Integer}/{@code Long} for the integer types (unsigned 32-bit values are widened to
 * {@code Long}), {@code Float}, {@code Double}, {@code Boolean}, {@code String}, and arrays as primitive or
 * {@code String[]} arrays ({@code int[]} for 8/16/32-bit integers, {@code long[]}, {@code float[]}, {@code double[]},
 * {@code boolean[]}, {@code String[]}, or {@code Object[]} for nested arrays).
 */
public final class GgufMetadata {
  private final Path file;
  private final Map<String, Object> values;

  public GgufMetadata(Path file, Map<String, Object> values) {
    this.file = file;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public Map<String, Object> asMap() {
    return values;
  }

  /** The file this metadata was read from. */
  public Path file() {
    return file;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The raw value, or empty. */
  public Optional<Object> find(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String getString(String key) {
    return as(key, String.class);
  }

  public Optional<String> findString(String key) {
    return has(key) ? Optional.of(getString(key)) : Optional.empty();
  }

  /** An integer value (any of the GGUF integer types); a float or any other type fails naming the key. */
  public long getLong(String key) {
    Object v = as(key, Number.class);
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new GgufFormatException(file, "metadata key " + key + " = " + v + " is a " + v.getClass().getSimpleName()
          + ", expected an integer");
    }
    return ((Number) v).longValue();
  }

  public int getInt(String key) {
    long v = getLong(key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new GgufFormatException(file, "metadata " + key + " = " + v + " does not fit an int");
    }
    return (int) v;
  }

  public int getInt(String key, int fallback) {
    return has(key) ? getInt(key) : fallback;
  }

  public float getFloat(String key) {
    return as(key, Number.class).floatValue();
  }

  public float getFloat(String key, float fallback) {
    return has(key) ? getFloat(key) : fallback;
  }

  public boolean getBoolean(String key, boolean fallback) {
    return has(key) ? as(key, Boolean.class) : fallback;
  }

  public String[] getStringArray(String key) {
    return as(key, String[].class);
  }

  public float[] getFloatArray(String key) {
    return as(key, float[].class);
  }

  public int[] getIntArray(String key) {
    return as(key, int[].class);
  }

  private <T> T as(String key, Class<T> type) {
    Object v = values.get(key);
    if (v == null) {
      throw new GgufFormatException(file, "metadata key " + key + " is missing");
    }
    if (!type.isInstance(v)) {
      throw new GgufFormatException(file, "metadata key " + key + " is a " + v.getClass().getSimpleName()
          + ", expected " + type.getSimpleName());
    }
    return type.cast(v);
  }
}
