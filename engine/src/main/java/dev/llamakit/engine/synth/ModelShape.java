package dev.llamakit.engine.synth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of a real Llama model (from the resource table {@code shapes.json}), used to write random-weight models
 * with the same tensor sizes.
 *
 * @param llama3RopeFreqs write a Llama 3.1-style {@code rope_freqs} tensor (factor 32, low 1, high 4, original 8192)
 */
public record ModelShape(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocab, int context,
    double ropeBase, boolean tied, boolean llama3RopeFreqs) {

  /** All shapes by name. */
  public static Map<String, ModelShape> all() {
    try (InputStream in = ModelShape.class.getResourceAsStream("shapes.json")) {
      return new TreeMap<>(new ObjectMapper().readValue(in, new TypeReference<Map<String, ModelShape>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled shapes.json", e);
    }
  }

  /** The shape called {@code name}; fails listing the known names. */
  public static ModelShape named(String name) {
    Map<String, ModelShape> all = all();
    ModelShape s = all.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown model shape '" + name + "'; known: " + all.keySet());
    }
    return s;
  }

  public int headSize() {
    return dim / heads;
  }
}
