package dev.llamakit.safety.fasttext;

import com.github.jfasttext.JFastText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fastText classifier (JFastText over the native fastText) giving label probabilities for a normalized text.
 *
 * <p>The model file is read from disk by the native code; models shipped as class-path resources are copied once
 * per JVM to a temporary file. fastText's predict is not re-entrant (it reuses member buffers), so each thread gets
 * its own native instance loaded from that one file: thread-safe, no locking on the hot path.
 */
public final class FastTextModel {
  private static final String PREFIX = "__label__";

  private final Path file;
  private final List<String> labels;
  private final ThreadLocal<JFastText> native_;
  private volatile Set<String> words;

  /** Loads the model at {@code file} ({@code .bin} or quantized {@code .ftz}). */
  public FastTextModel(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("fastText model not found: " + file);
    this.file = file;
    this.native_ = ThreadLocal.withInitial(() -> {
      JFastText j = new JFastText();
      j.loadModel(file.toString());
      return j;
    });
    // JFastText's getLabels() returns dictionary words; list the labels through a full-k prediction instead.
    JFastText j = native_.get();
    this.labels = j.predictProba("</s>", j.getNLabels()).stream().map(p -> strip(p.label)).sorted().toList();
  }

  /** Loads a model shipped as a class-path resource (copied to a temp file first). */
  public static FastTextModel fromResource(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing model resource " + resource + " next to " + anchor.getName());
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      Path tmp = Files.createTempFile("llamakit-", "-" + name);
      tmp.toFile().deleteOnExit();
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return new FastTextModel(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract model resource " + resource, e);
    }
  }

  /** The labels (without {@code __label__}), in the model's order. */
  public List<String> labels() { return labels; }

  public Path file() { return file; }

  /**
   * Probability of every label for an already-normalized text (see {@link TextFeatures#normalize}); an EMPTY map
   * when the text has no word the model knows (fastText then predicts nothing: there is no evidence either way).
   */
  public Map<String, Double> probabilities(String normalized) {
    if (normalized.isEmpty()) return Map.of();
    List<JFastText.ProbLabel> ps = native_.get().predictProba(normalized, labels.size());
    if (ps.isEmpty()) return Map.of();
    Map<String, Double> out = new HashMap<>(labels.size() * 2);
    for (String l : labels) out.put(l, 0.0);
    for (JFastText.ProbLabel p : ps) out.put(strip(p.label), Math.exp(p.logProb));
    return out;
  }

  /** Whether {@code token} (normalized) is a word of the model's vocabulary (read once, on first use). */
  public boolean knows(String token) {
    Set<String> w = words;
    if (w == null) {
      synchronized (this) {
        if (words == null) words = Set.copyOf(native_.get().getWords());
        w = words;
      }
    }
    return w.contains(token);
  }

  private static String strip(String l) { return l.startsWith(PREFIX) ? l.substring(PREFIX.length()) : l; }
}
