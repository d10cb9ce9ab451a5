package dev.llamakit.pipelines.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The one way the pipelines' side tools (training, calibration, cutoffs) read text and JSONL files: UTF-8, gzip by
 * name, a JSON object per line with errors naming {@code file:line}. (Corpus inputs go through the record readers
 * of this package instead, with their drop accounting.)
 */
public final class TextFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextFiles() {}

  /** A JSON object per line: {@code .jsonl}, {@code .json}, {@code .ndjson}, optionally {@code .gz}. */
  public static boolean isJsonLines(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    String base = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    return base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson");
  }

  /** A UTF-8 reader, gunzipping {@code .gz} files. */
  public static BufferedReader open(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      throw new NoSuchFileException(f.toString(), null, "file not found");
    }
    InputStream raw = Files.newInputStream(f);
    try {
      InputStream in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw new IOException(f + ": " + e.getMessage(), e);
    }
  }

  /** What a JSON-lines visitor sees: the object and its 1-based line number. */
  public interface JsonVisitor {
    void visit(JsonNode object, long line) throws IOException;
  }

  /** Every non-blank line of a JSONL file as a JSON value; a line that is not JSON is an error naming it. */
  public static void forEachJson(Path f, JsonVisitor visitor) throws IOException {
    try (BufferedReader r = open(f)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode d;
        try {
          d = JSON.readTree(line);
        } catch (IOException e) {
          throw new IOException(f + ":" + n + ": not a JSON object: " + e.getMessage(), e);
        }
        visitor.visit(d, n);
      }
    }
  }

  /**
   * The texts of a file: for JSON lines the string {@code textField} of each object (missing: an error naming the
   * line), otherwise every non-blank line.
   */
  public static void forEachText(Path f, String textField, Consumer<String> sink) throws IOException {
    if (isJsonLines(f)) {
      forEachJson(f, (d, n) -> {
        JsonNode t = d.get(textField);
        if (t == null || !t.isTextual()) {
          throw new IOException(f + ":" + n + ": no text field '" + textField + "'");
        }
        sink.accept(t.asText());
      });
      return;
    }
    try (BufferedReader r = open(f)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          sink.accept(line);
        }
      }
    }
  }

  /** A whole file as one text, line breaks as {@code \n}. */
  public static String readAll(Path f) throws IOException {
    try (BufferedReader r = open(f)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[1 << 16];
      for (int n; (n = r.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString().replace("\r\n", "\n");
    }
  }
}
