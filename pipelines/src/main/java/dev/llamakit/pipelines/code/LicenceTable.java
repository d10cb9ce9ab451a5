package dev.llamakit.pipelines.code;

import dev.llamakit.pipelines.io.Resources;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names the licence of a LICENSE/COPYING text by its SPDX id, by matching the well-known phrases of each licence
 * listed in the resource table {@code licences.tsv} (every phrase of a line must occur; the first matching line
 * wins). Text and phrases are compared in lower case with whitespace and comment marks collapsed, so a licence
 * re-wrapped or pasted as a comment block still matches.
 */
public final class LicenceTable implements Serializable {
  private static final Pattern SPACE = Pattern.compile("(?:\\s|\\*|#|//)+");
  private static volatile LicenceTable standard;

  private record Entry(String spdx, List<String> phrases) implements Serializable {}

  private final List<Entry> entries;

  private LicenceTable(List<Entry> entries) {
    this.entries = entries;
  }

  /** The table shipped with llamakit. */
  public static LicenceTable standard() {
    LicenceTable t = standard;
    if (t == null) {
      List<Entry> entries = new ArrayList<>();
      for (String line : Resources.tableLines(LicenceTable.class, "licences.tsv")) {
        String[] f = line.split("\t", 2);
        if (f.length != 2) {
          throw new IllegalStateException("licences.tsv: not 'SPDX<tab>phrases': " + line);
        }
        List<String> phrases = new ArrayList<>();
        for (String p : f[1].split(" \\| ")) {
          phrases.add(normalise(p));
        }
        entries.add(new Entry(f[0].strip(), List.copyOf(phrases)));
      }
      standard = t = new LicenceTable(List.copyOf(entries));
    }
    return t;
  }

  /** The SPDX id of the licence {@code text} is, or null when no entry matches. */
  public String detect(String text) {
    String n = normalise(text);
    for (Entry e : entries) {
      boolean all = true;
      for (String p : e.phrases) {
        if (!n.contains(p)) {
          all = false;
          break;
        }
      }
      if (all) {
        return e.spdx;
      }
    }
    return null;
  }

  /** The SPDX ids the table knows, in table order, without repeats. */
  public List<String> ids() {
    return entries.stream().map(Entry::spdx).distinct().toList();
  }

  static String normalise(String s) {
    return SPACE.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }
}
