package dev.llamakit.pipelines.decontam;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/** datatrove's punctuation table (resource {@code datatrove-punctuation.txt}: one hex code point per line). */
final class DatatrovePunctuation {
  private static final String TABLE = "datatrove-punctuation.txt";
  private static final BitSet SET = load();

  private DatatrovePunctuation() {}

  static boolean contains(int cp) {
    return cp >= 0 && SET.get(cp);
  }

  private static BitSet load() {
    BitSet set = new BitSet();
    try (InputStream in = DatatrovePunctuation.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TABLE + " is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String hex = line.split(" ", 2)[0];
        try {
          set.set(Integer.parseInt(hex, 16));
        } catch (NumberFormatException e) {
          throw new IllegalStateException(TABLE + ":" + lineNo + ": not a hex code point: '" + hex + "'");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(TABLE + ": " + e.getMessage(), e);
    }
    return set;
  }
}
