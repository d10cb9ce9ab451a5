package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.io.JsonText;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON-lines files through {@link TextLines} (strict UTF-8, gzip when the name ends in {@code .gz}): every
 * non-blank line must be one JSON object and nothing else, its strings well-formed text; errors are {@link DataFormatException}s naming
 * {@code file:line}, lines counted as an editor counts them.
 */
public final class Jsonl {
  /** Rejects a line holding more than one value, as Python's {@code json.loads} does ("Extra data"). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Jsonl() {}

  /** One record and the 1-based line it stands on. */
  public record Row(long line, ObjectNode json) {}

  /** Every non-blank line of {@code file} as a JSON object, with its line number. */
  public static List<Row> read(Path file) {
    List<Row> rows = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        long n = lines.lineNumber();
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new DataFormatException(file, n, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode o)) {
          throw new DataFormatException(file, n, "expected a JSON object");
        }
        if (JsonText.firstNonText(o) != null) {
          // "\\ud800" parses, but no UTF-8 can carry it: it would reach a prompt or a program as '?', or crash a writer
          throw new DataFormatException(file, n, "a string holds an unpaired surrogate escape: not text");
        }
        rows.add(new Row(n, o));
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** The string field {@code name} of {@code row}; a missing or non-string field names file, line and field. */
  public static String string(Row row, String name, Path file) {
    JsonNode v = row.json().get(name);
    if (v == null || !v.isTextual()) {
      throw new DataFormatException(file, row.line(), "field '" + name + "' is missing or not a string");
    }
    return v.asText();
  }

  /** True when every string (key or value) under {@code n} is well-formed Unicode, encodable as UTF-8. */


  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
