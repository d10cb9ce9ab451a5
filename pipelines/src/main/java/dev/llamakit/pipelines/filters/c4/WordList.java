package dev.llamakit.pipelines.filters.c4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads a bundled word list: one entry a line, {@code #} comment lines and blank lines skipped. */
final class WordList {
  private WordList() {}

  /** The entries of resource {@code name} beside this class, or null when there is no such resource. */
  static Set<String> read(String name, boolean comments) {
    try (InputStream in = WordList.class.getResourceAsStream(name)) {
      if (in == null) {
        return null;
      }
      Set<String> words = new LinkedHashSet<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || (comments && line.startsWith("#"))) {
          continue;
        }
        words.add(line.strip());
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
