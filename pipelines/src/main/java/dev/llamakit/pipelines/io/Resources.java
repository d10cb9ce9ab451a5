package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one way the pipelines read what ships inside the jar — tables, presets, word lists, bundled models: by name
 * beside an anchor class, with one error ("resource X is missing from the jar") when a build left one out, and one
 * way to copy a bundled model to disk (temporary name, then rename) for code that needs a file.
 */
public final class Resources {
  private Resources() {}

  /** True when {@code name} (relative to {@code anchor}'s package, or absolute with a leading /) ships. */
  public static boolean exists(Class<?> anchor, String name) {
    return anchor.getResource(name) != null;
  }

  /** The bytes of a resource. */
  public static byte[] bytes(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " (beside " + anchor.getName() + ") is missing from "
            + "the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  /** A resource as UTF-8 text. */
  public static String text(Class<?> anchor, String name) {
    return new String(bytes(anchor, name), StandardCharsets.UTF_8);
  }

  /** The lines of a resource table, without blank lines and lines starting with {@code #} (not stripped). */
  public static List<String> tableLines(Class<?> anchor, String name) {
    List<String> out = new ArrayList<>();
    for (String line : text(anchor, name).split("\r?\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }

  /**
   * Copies a resource to {@code target} unless the same bytes are already there, under a temporary name renamed
   * into place, so a reader never sees half a file.
   */
  public static Path extract(Class<?> anchor, String name, Path target) throws IOException {
    byte[] b = bytes(anchor, name);
    if (Files.isRegularFile(target) && Files.size(target) == b.length
        && Arrays.equals(Files.readAllBytes(target), b)) {
      return target;
    }
    return AtomicFile.writeBytes(target, b);
  }
}
