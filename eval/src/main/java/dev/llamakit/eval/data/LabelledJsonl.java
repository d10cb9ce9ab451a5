package dev.llamakit.eval.data;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A split released as {@code SPLIT.jsonl} (one record a line) beside {@code SPLIT-labels.lst} (the record's label on
 * the same line number), the layout of the PIQA and Social IQa releases.
 *
 * @param file the records' file, for error messages
 * @param rows the records
 * @param labels each record's label as written (within the range given to {@link #read})
 */
record LabelledJsonl(Path file, List<Jsonl.Row> rows, List<Integer> labels) {
  /** Reads {@code split}'s two files under {@code base}; a label outside {@code [min, max]} names its file and line. */
  static LabelledJsonl read(Path base, String split, int min, int max) {
    Path file = base.resolve(split + ".jsonl");
    Path labelFile = base.resolve(split + "-labels.lst");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Integer> labels = labels(labelFile, min, max);
    if (labels.size() != rows.size()) {
      throw new DataFormatException(labelFile + ": holds " + labels.size() + " labels but " + file + " holds "
          + rows.size() + " records");
    }
    return new LabelledJsonl(file, rows, labels);
  }

  private static List<Integer> labels(Path file, int min, int max) {
    List<Integer> out = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String v = line.strip();
        int label = v.length() == 1 ? v.charAt(0) - '0' : -1;
        if (label < min || label > max) {
          throw new DataFormatException(file, lines.lineNumber(), "label must be " + oneOf(min, max) + ", got '" + v
              + "'");
        }
        out.add(label);
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** "0 or 1", "1, 2 or 3". */
  private static String oneOf(int min, int max) {
    StringBuilder b = new StringBuilder();
    for (int v = min; v <= max; v++) {
      b.append(v == min ? "" : v == max ? " or " : ", ").append(v);
    }
    return b.toString();
  }
}
