package dev.llamakit.pipelines.filters.c4;

import dev.llamakit.pipelines.io.Resources;
import java.util.LinkedHashSet;
import java.util.Set;

/** Reads a bundled word list: one entry a line, {@code #} comment lines and blank lines skipped. */
final class WordList {
  private WordList() {}

  /** The entries of resource {@code name} beside this class, or null when there is no such resource. */
  static Set<String> read(String name, boolean comments) {
    if (!Resources.exists(WordList.class, name)) {
      return null;
    }
    Set<String> words = new LinkedHashSet<>();
    for (String line : Resources.text(WordList.class, name).split("\r?\n")) {
      if (!line.isBlank() && !(comments && line.startsWith("#"))) {
        words.add(line.strip());
      }
    }
    return words;
  }
}
