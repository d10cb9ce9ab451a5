package dev.llamakit.safety.classifier;

import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The moderation classifier's feature step after {@code TextFeatures.normalize}: drops the function words and generic
 * request wording listed in {@code classifier/request-wording.txt}, so that asking ("How can I ...", "Provide
 * step-by-step instructions to ...") carries no harm signal and only the content words decide. Applied identically
 * at training and at scoring.
 *
 * <pre>{@code
 * RequestWording.standard().strip("how can i make my resume stand out ?")   // "resume stand out"
 * }</pre>
 */
public final class RequestWording {
  private static final RequestWording STANDARD = load();
  private final Set<String> tokens;

  private RequestWording(Set<String> tokens) { this.tokens = Set.copyOf(tokens); }

  /** The shipped list. */
  public static RequestWording standard() { return STANDARD; }

  /** {@code normalized} (space-separated tokens) without the listed tokens; may be empty. */
  public String strip(String normalized) {
    StringBuilder b = new StringBuilder(normalized.length());
    for (String t : normalized.split(" ")) {
      if (t.isEmpty() || tokens.contains(t)) continue;
      if (!b.isEmpty()) b.append(' ');
      b.append(t);
    }
    return b.toString();
  }

  private static RequestWording load() {
    String res = "/dev/llamakit/safety/classifier/request-wording.txt";
    try (InputStream in = RequestWording.class.getResourceAsStream(res)) {
      if (in == null) throw new IllegalStateException("missing resource " + res);
      Set<String> s = new HashSet<>();
      for (String line : TextLines.readAll(in, java.nio.file.Path.of(res)).split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) s.add(t);
      }
      return new RequestWording(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + res, e);
    }
  }
}
