package dev.llamakit.safety.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.llamakit.engine.io.JsonText;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Readers for the file shapes of the public data sets and of {@code safety} command inputs (CSV with or without a
 * header, JSONL, a JSON document, plain lines). All text is read through {@link TextLines}: strict UTF-8 (a broken
 * byte is a {@link dev.llamakit.engine.io.TextFormatException} naming {@code file:line}), gzip for {@code .gz}; every
 * other defect is a {@link DataFileException} naming {@code file:line} and the field. Lines are counted as an editor
 * counts them, blank ones included.
 */
public final class DataFiles {
  /** Rejects a JSONL line holding more than one value (two records glued together must not lose one). */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final CsvMapper CSV = new CsvMapper();

  private DataFiles() {}

  /** One JSONL record and its line. */
  public record JsonLine(long line, JsonNode json) {}

  /** One CSV record with a header: its file, the line where it starts, its columns by name. */
  public record CsvRow(Path file, long line, Map<String, String> columns) {
    /** The column {@code name}; a missing one is an error naming file, line and column. */
    public String field(String name) throws DataFileException {
      String v = columns.get(name);
      if (v == null) throw new DataFileException(file, line, "missing column '" + name + "' (columns: " + columns.keySet() + ")");
      return v;
    }
  }

  /** Rows of a CSV file with a header line (quoted multi-line fields allowed, blank lines skipped). */
  public static List<CsvRow> csv(Path file) throws IOException {
    String text = text(file);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<CsvRow> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
        .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(text)) {
      while (it.hasNext()) {
        Map<String, String> row = it.next();
        // The parser stands on the record's last line; its start is that less the line breaks inside its fields.
        long line = it.getParser().currentTokenLocation().getLineNr();
        for (String v : row.values()) line -= v.chars().filter(c -> c == '\n').count();
        rows.add(new CsvRow(file, Math.max(1, line), row));
      }
    } catch (IOException | RuntimeException e) {
      throw malformed(file, "CSV", e);
    }
    return rows;
  }

  /** Rows of a CSV file without a header, each as its fields. */
  public static List<String[]> csvRecords(Path file) throws IOException {
    String text = text(file);
    List<String[]> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.copy().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class)
        .readValues(text)) {
      while (it.hasNext()) rows.add(it.next());
    } catch (IOException | RuntimeException e) {
      throw malformed(file, "CSV", e);
    }
    return rows;
  }

  /** Records of a JSON-lines file (optionally gzipped) with their lines; a bad line is an error naming file and line. */
  public static List<JsonLine> jsonlLines(Path file) throws IOException {
    List<JsonLine> out = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) continue;
        out.add(new JsonLine(lines.lineNumber(), jsonLine(file, lines.lineNumber(), line)));
      }
    }
    return out;
  }

  /** The records of {@link #jsonlLines} without their line numbers. */
  public static List<JsonNode> jsonl(Path file) throws IOException {
    return jsonlLines(file).stream().map(JsonLine::json).toList();
  }

  /**
   * One JSONL line as JSON; a line that is not exactly one JSON value, or whose strings are not text (an unpaired
   * surrogate escape such as {@code "\\ud800"}, which no UTF-8 can carry), is an error naming file and line.
   */
  public static JsonNode jsonLine(Path file, long line, String text) throws DataFileException {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DataFileException(file, line, "not JSON: " + printable(e.getOriginalMessage()), e);
    }
    String bad = JsonText.firstNonText(n);
    if (bad != null) throw new DataFileException(file, line, "a string holds an unpaired surrogate (" + bad + "): not text");
    return n;
  }

  /** A diagnostic made safe to write as UTF-8 ({@link JsonText#printable}). */
  public static String printable(String message) {
    return JsonText.printable(message);
  }

  /** A JSON document; as for {@link #jsonLine}, its strings must be text. */
  public static JsonNode json(Path file) throws IOException {
    String text = text(file);
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw malformed(file, "JSON", e);
    }
    String bad = JsonText.firstNonText(n);
    if (bad != null) throw new DataFileException(file, 0, "a string holds an unpaired surrogate (" + bad + "): not text");
    return n;
  }

  /** A JSON document that must be an array of strings; anything else is an error naming the file and the item. */
  public static List<String> jsonStrings(Path file) throws IOException {
    JsonNode root = json(file);
    if (root == null || !root.isArray()) throw new DataFileException(file, 0, "expected a JSON array of strings");
    List<String> out = new ArrayList<>(root.size());
    for (JsonNode n : root) {
      if (!n.isTextual()) throw new DataFileException(file, 0, "item " + out.size() + " is not a string: " + n.getNodeType());
      out.add(n.asText());
    }
    return out;
  }

  /** Non-blank lines of a UTF-8 text file. */
  public static List<String> lines(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    TextLines.forEach(file, (line, n) -> {
      if (!line.isBlank()) out.add(line);
    });
    return out;
  }

  /** The whole of a text file, strictly decoded (a missing file is a TextFormatException naming it). */
  private static String text(Path file) throws IOException {
    return TextLines.readAll(file);
  }

  /** A parse failure of {@code file} as a {@link DataFileException} with the parser's line when it has one. */
  private static DataFileException malformed(Path file, String format, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException j) {
        JsonLocation at = j.getLocation();
        long line = at == null ? 0 : Math.max(0, at.getLineNr());
        return new DataFileException(file, line, "malformed " + format + ": " + printable(j.getOriginalMessage()), e);
      }
    }
    return new DataFileException(file, 0, "malformed " + format + ": " + printable(e.getMessage()), e);
  }
}
