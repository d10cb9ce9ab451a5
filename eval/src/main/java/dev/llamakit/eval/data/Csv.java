package dev.llamakit.eval.data;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV (Python's excel dialect): quoted fields with doubled quotes and embedded line breaks, CRLF or LF rows.
 * Files are read through {@link TextLines} (strict UTF-8); a line break inside a quoted field is kept as the file
 * has it ({@code \r\n} or {@code \n}, as lm-evaluation-harness reads MMLU); blank lines between rows are skipped
 * but counted.
 */
public final class Csv {
  private Csv() {}

  /** A parsed record and the 1-based line where it starts (as an editor counts lines). */
  public record Row(long line, List<String> fields) {}

  /** The records of {@code file}; invalid UTF-8 or a quote left open is a {@link DataFormatException} naming the line. */
  public static List<Row> read(Path file) {
    Parser p = new Parser();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        p.line(line, lines.lineNumber());
        p.lineBreak = lines.lineBreak();
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (p.quoted) {
      throw new DataFormatException(file, p.start, "unterminated quoted field (the row starting here never closes its"
          + " quote)");
    }
    return p.rows;
  }

  /** Parses {@code text} (lines split as {@link TextLines} splits them); a quote left open names its line. */
  public static List<Row> parse(String text) {
    Parser p = new Parser();
    long n = 0;
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(from, end);
      boolean cr = line.endsWith("\r");
      p.line(cr ? line.substring(0, line.length() - 1) : line, ++n);
      p.lineBreak = nl < 0 ? "" : cr ? "\r\n" : "\n";
      from = end + 1;
    }
    if (p.quoted) {
      throw new IllegalArgumentException("row starting at line " + p.start + ": unterminated quoted field");
    }
    return p.rows;
  }

  /** A state machine fed one line (without its line break) at a time. */
  private static final class Parser {
    final List<Row> rows = new ArrayList<>();
    final List<String> fields = new ArrayList<>();
    final StringBuilder f = new StringBuilder();
    boolean quoted;
    boolean any;
    long start;
    /** The break that ended the previous line, kept inside a quoted field as the file had it. */
    String lineBreak = "\n";

    void line(String line, long number) {
      if (quoted) {
        f.append(lineBreak);
      } else {
        start = number;
      }
      int n = line.length();
      for (int i = 0; i < n; i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              f.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            f.append(c);
          }
          continue;
        }
        switch (c) {
          case '"' -> {
            quoted = true;
            any = true;
          }
          case ',' -> {
            fields.add(f.toString());
            f.setLength(0);
            any = true;
          }
          case '\r' -> { }
          default -> {
            f.append(c);
            any = true;
          }
        }
      }
      if (quoted) {
        return;
      }
      if (any || f.length() > 0) {
        fields.add(f.toString());
        rows.add(new Row(start, List.copyOf(fields)));
      }
      fields.clear();
      f.setLength(0);
      any = false;
    }
  }
}
