package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads JSON-lines files (gzip-compressed when the name ends in {@code .gz}), naming file and line on errors. */
public final class Jsonl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jsonl() {}

  /** Every non-blank line of {@code file} as a JSON object. */
  public static List<JsonNode> read(Path file) {
    List<JsonNode> rows = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new DataFormatException(file, n, "not valid JSON: " + e.getMessage());
        }
        if (!node.isObject()) {
          throw new DataFormatException(file, n, "expected a JSON object");
        }
        rows.add(node);
      }
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return rows;
  }

  /** The string field {@code name} of {@code row}; a missing or non-string field names file, row and field. */
  public static String string(JsonNode row, String name, Path file, long line) {
    JsonNode v = row.get(name);
    if (v == null || !v.isTextual()) {
      throw new DataFormatException(file, line, "field '" + name + "' is missing or not a string");
    }
    return v.asText();
  }
}
