package dev.llamakit.pipelines.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How the pipelines' side tools (training, calibration, cutoffs) read text and JSONL files: through
 * {@link TextLines} — strict UTF-8 (a bad byte is a {@link TextFormatException} naming {@code file:line}, never a
 * U+FFFD), gzip by name with damaged gzip named, lines numbered as an editor numbers them — and a JSON object per line
 * with errors naming {@code file:line}. (Corpus inputs go through the record readers of this package instead, where
 * a bad record is a counted drop.)
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

  /** What a JSON-lines visitor sees: the object and its 1-based line number. */
  public interface JsonVisitor {
    void visit(JsonNode object, long line) throws IOException;
  }

  /** Every non-blank line of a JSONL file as a JSON value; a line that is not JSON is an error naming it. */
  public static void forEachJson(Path f, JsonVisitor visitor) throws IOException {
    TextLines.forEach(f, (line, n) -> {
      if (line.isBlank()) {
        return;
      }
      JsonNode d;
      try {
        d = JSON.readTree(line);
      } catch (IOException e) {
        throw new TextFormatException(f, n, "not a JSON object: " + e.getMessage(), e);
      }
      visitor.visit(d, n);
    });
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
          throw new TextFormatException(f, n, "no text field '" + textField + "'");
        }
        sink.accept(t.asText());
      });
      return;
    }
    TextLines.forEach(f, (line, n) -> {
      if (!line.isBlank()) {
        sink.accept(line);
      }
    });
  }

  /** A whole file as one text, line breaks as {@code \n}. */
  public static String readAll(Path f) throws IOException {
    return TextLines.readAll(f);
  }
}
