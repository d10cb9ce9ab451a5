package dev.llamakit.pipelines.docdedup;

import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The table of query parameters that URL dedup removes ({@code tracking-params.txt} beside this class, or a user's
 * file of the same format): one name per line, a trailing {@code *} for a prefix, {@code #} comment lines. Names are
 * compared case-insensitively. A line that is not a name is an error naming the file and the line.
 */
public final class TrackingParams implements Serializable {
  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]+\\*?");
  private static final String RESOURCE = "tracking-params.txt";
  private final List<String> exact;
  private final List<String> prefixes;

  private TrackingParams(List<String> exact, List<String> prefixes) {
    this.exact = List.copyOf(exact);
    this.prefixes = List.copyOf(prefixes);
  }

  /** The bundled table. */
  public static TrackingParams standard() {
    return parse(Resources.text(TrackingParams.class, RESOURCE), RESOURCE);
  }

  /**
   * A user's table.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException naming {@code file:line} for a bad entry
   */
  public static TrackingParams load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a table's text; {@code origin} names it in errors. */
  public static TrackingParams parse(String text, String origin) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (!ENTRY.matcher(l).matches() || l.equals("*")) {
        throw new IllegalArgumentException(origin + ":" + (i + 1) + ": '" + l + "' is not a query parameter name "
            + "(letters, digits and _ . - [ ], optionally ending in * for a prefix)");
      }
      String name = l.toLowerCase(Locale.ROOT);
      if (name.endsWith("*")) {
        prefixes.add(name.substring(0, name.length() - 1));
      } else {
        exact.add(name);
      }
    }
    return new TrackingParams(exact, prefixes);
  }

  /** True when a parameter of this name is removed. */
  public boolean matches(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (exact.contains(n)) {
      return true;
    }
    for (String p : prefixes) {
      if (n.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** How many names and prefixes the table has. */
  public int size() {
    return exact.size() + prefixes.size();
  }
}
