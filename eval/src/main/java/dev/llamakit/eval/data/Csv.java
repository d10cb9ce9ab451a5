package dev.llamakit.eval.data;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV (Python's excel dialect): quoted fields with doubled quotes, embedded newlines, CRLF or LF rows. */
public final class Csv {
  private Csv() {}

  /** A parsed record and the 1-based line where it starts. */
  public record Row(long line, List<String> fields) {}

  /** Parses {@code text} into records; a quote left open is an error naming its line. */
  public static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    long line = 1;
    long start = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            f.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          f.append(c);
        }
        i++;
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
        case '\n' -> {
          if (any || f.length() > 0) {
            fields.add(f.toString());
            rows.add(new Row(start, List.copyOf(fields)));
          }
          fields.clear();
          f.setLength(0);
          any = false;
          line++;
          start = line;
        }
        default -> {
          f.append(c);
          any = true;
        }
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("row starting at line " + start + ": unterminated quoted field");
    }
    if (any || f.length() > 0) {
      fields.add(f.toString());
      rows.add(new Row(start, List.copyOf(fields)));
    }
    return rows;
  }
}
