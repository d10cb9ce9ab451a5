package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Readers for the file shapes of the public data sets (CSV with header, JSONL, JSON array, plain lines), with errors naming the file. */
public final class DataFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private DataFiles() {}

  /** Rows of a CSV file with a header line (quoted multi-line fields allowed). */
  public static List<Map<String, String>> csv(Path file) throws IOException {
    require(file);
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
        .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(file.toFile())) {
      while (it.hasNext()) rows.add(it.next());
    } catch (RuntimeException e) {
      throw new IOException(file + ": malformed CSV: " + e.getMessage(), e);
    }
    return rows;
  }

  /** Records of a JSON-lines file (optionally gzipped); a bad line is an error naming file and line. */
  public static List<JsonNode> jsonl(Path file) throws IOException {
    require(file);
    List<JsonNode> out = new ArrayList<>();
    var in = Files.newInputStream(file);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          out.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new IOException(file + ":" + n + ": not JSON: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  /** A JSON document. */
  public static JsonNode json(Path file) throws IOException {
    require(file);
    return JSON.readTree(file.toFile());
  }

  /** Non-blank lines of a UTF-8 text file. */
  public static List<String> lines(Path file) throws IOException {
    require(file);
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }

  /** A column of a CSV row; a missing column is an error naming the file. */
  public static String field(Map<String, String> row, String name, Path file) throws IOException {
    String v = row.get(name);
    if (v == null) throw new IOException(file + ": missing column '" + name + "' (columns: " + row.keySet() + ")");
    return v;
  }

  private static void require(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("data file not found: " + file);
  }
}
