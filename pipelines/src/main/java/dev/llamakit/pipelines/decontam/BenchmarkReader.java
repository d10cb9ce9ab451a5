package dev.llamakit.pipelines.decontam;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.llamakit.engine.io.JsonText;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a benchmark's items in the canonical file layouts {@code llamakit eval} reads, giving every item the id
 * eval gives the same document, and the text the contamination checks compare:
 *
 * <table>
 *   <caption>What is read</caption>
 *   <tr><th>format</th><th>file</th><th>id</th><th>text</th></tr>
 *   <tr><td>{@code mmlu_csv}</td><td>{@code test/SUBJECT_test.csv}, rows {@code question,A,B,C,D,answer}</td>
 *       <td>{@code test/SUBJECT/i} (i from 0 per subject)</td><td>question and the four choices, one per line</td></tr>
 *   <tr><td>{@code gsm8k_jsonl}</td><td>{@code test.jsonl} {@code {question, answer}}</td><td>{@code test/i}</td>
 *       <td>question</td></tr>
 *   <tr><td>{@code humaneval_jsonl}</td><td>{@code HumanEval.jsonl.gz}</td><td>{@code task_id}</td>
 *       <td>prompt (signature and docstring)</td></tr>
 *   <tr><td>{@code arc_jsonl}</td><td>MosaicML's {@code {query, choices, gold}}</td><td>{@code arc/i}</td>
 *       <td>question (without {@code "Question: "}) and the choices, one per line</td></tr>
 *   <tr><td>{@code jsonl}</td><td>a user's file</td><td>{@code idField}, else the row index from 0</td>
 *       <td>{@code field}</td></tr>
 * </table>
 *
 * <p>Text is read strictly as UTF-8 (gzip when the name ends in {@code .gz}) through engine's {@link TextLines}, blank
 * lines skipped but counted; a file that is not in its format is a {@link BenchmarkFormatException} naming the file
 * and the row. The pipelines module does not depend on eval (engine ← safety ← pipelines, engine ← eval), so these
 * few formats are read here rather than through eval's loaders; {@code BenchmarkReaderTest} checks that the ids are
 * eval's.
 */
public final class BenchmarkReader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  private BenchmarkReader() {}

  /** Every item of {@code source}, in file order. */
  public static List<BenchmarkItem> read(BenchmarkSource source) {
    return switch (source.format()) {
      case "mmlu_csv" -> mmlu(source.name(), source.path());
      case "gsm8k_jsonl" -> gsm8k(source.name(), Files.isDirectory(source.path())
          ? source.path().resolve("test.jsonl") : source.path());
      case "humaneval_jsonl" -> humanEval(source.name(), source.path());
      case "arc_jsonl" -> arc(source.name(), source.path());
      case "jsonl" -> jsonl(source.name(), source.path(), source.field(), source.idField());
      default -> throw new IllegalArgumentException("benchmark " + source.name() + ": unknown format '"
          + source.format() + "'");
    };
  }

  private static List<BenchmarkItem> mmlu(String name, Path base) {
    Path dir = base.resolve("test");
    if (!Files.isDirectory(dir)) {
      throw new BenchmarkFormatException(dir, 0, "MMLU test folder not found (expected test/SUBJECT_test.csv files)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("_test.csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new BenchmarkFormatException(dir, 0, "no *_test.csv files");
    }
    List<BenchmarkItem> items = new ArrayList<>();
    for (Path f : files) {
      String file = f.getFileName().toString();
      String subject = file.substring(0, file.length() - "_test.csv".length());
      int index = 0;
      for (CsvRow r : csv(f)) {
        if (r.fields().size() != 6) {
          throw new BenchmarkFormatException(f, r.line(), "expected 6 fields (question,A,B,C,D,answer), got "
              + r.fields().size());
        }
        String a = r.fields().get(5).strip();
        if (a.length() != 1 || a.charAt(0) < 'A' || a.charAt(0) > 'D') {
          throw new BenchmarkFormatException(f, r.line(), "field 6 (answer) must be one of A-D, got '"
              + r.fields().get(5) + "'");
        }
        items.add(new BenchmarkItem(name, "test/" + subject + "/" + index++,
            String.join("\n", r.fields().subList(0, 5))));
      }
    }
    return items;
  }

  private static List<BenchmarkItem> gsm8k(String name, Path file) {
    String split = stem(file);
    List<BenchmarkItem> items = new ArrayList<>();
    for (JsonRow row : jsonl(file)) {
      String q = string(row, "question", file);
      String a = string(row, "answer", file);
      if (!a.contains("####")) {
        throw new BenchmarkFormatException(file, row.line(), "field 'answer' has no '#### N' final line");
      }
      items.add(new BenchmarkItem(name, split + "/" + items.size(), q));
    }
    return items;
  }

  private static List<BenchmarkItem> humanEval(String name, Path file) {
    List<BenchmarkItem> items = new ArrayList<>();
    for (JsonRow row : jsonl(file)) {
      items.add(new BenchmarkItem(name, string(row, "task_id", file), string(row, "prompt", file)));
    }
    return items;
  }

  private static List<BenchmarkItem> arc(String name, Path file) {
    List<BenchmarkItem> items = new ArrayList<>();
    for (JsonRow row : jsonl(file)) {
      String q = string(row, "query", file);
      JsonNode choices = row.json().get("choices");
      if (choices == null || !choices.isArray() || choices.isEmpty()) {
        throw new BenchmarkFormatException(file, row.line(), "field 'choices' is missing or not a non-empty array");
      }
      StringBuilder text = new StringBuilder(q.startsWith("Question: ") ? q.substring("Question: ".length()) : q);
      for (JsonNode c : choices) {
        if (!c.isTextual()) {
          throw new BenchmarkFormatException(file, row.line(), "field 'choices' holds a non-string: " + c);
        }
        text.append('\n').append(c.asText());
      }
      items.add(new BenchmarkItem(name, "arc/" + items.size(), text.toString()));
    }
    return items;
  }

  private static List<BenchmarkItem> jsonl(String name, Path file, String field, String idField) {
    List<BenchmarkItem> items = new ArrayList<>();
    for (JsonRow row : jsonl(file)) {
      String text = string(row, field, file);
      JsonNode id = idField == null || idField.isEmpty() ? null : row.json().get(idField);
      String key;
      if (id == null || id.isNull()) {
        key = Integer.toString(items.size());
      } else if (id.isTextual() || id.isIntegralNumber()) {
        key = id.asText();
      } else {
        throw new BenchmarkFormatException(file, row.line(), "field '" + idField + "' must be a string or a whole "
            + "number, not " + id);
      }
      items.add(new BenchmarkItem(name, key, text));
    }
    return items;
  }

  private record JsonRow(long line, ObjectNode json) {}

  private record CsvRow(long line, List<String> fields) {}

  private static List<JsonRow> jsonl(Path file) {
    List<JsonRow> rows = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new BenchmarkFormatException(file, lines.lineNumber(), "not valid JSON: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (!(node instanceof ObjectNode o)) {
          throw new BenchmarkFormatException(file, lines.lineNumber(), "expected a JSON object");
        }
        if (JsonText.firstNonText(o) != null) {
          throw new BenchmarkFormatException(file, lines.lineNumber(), "a string holds an unpaired surrogate escape");
        }
        rows.add(new JsonRow(lines.lineNumber(), o));
      }
    } catch (TextFormatException e) {
      throw new BenchmarkFormatException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BenchmarkFormatException(file + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new BenchmarkFormatException(file, 0, "no items");
    }
    return rows;
  }

  private static List<CsvRow> csv(Path file) {
    String text;
    try {
      text = TextLines.readAll(file);
    } catch (TextFormatException e) {
      throw new BenchmarkFormatException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BenchmarkFormatException(file + ": " + e.getMessage(), e);
    }
    List<CsvRow> rows = new ArrayList<>();
    long line = 0;
    try (CsvParser p = (CsvParser) CSV.getFactory().createParser(text)) {
      // WRAP_AS_ARRAY: the file is one outer array, each row an inner one
      int depth = 0;
      List<String> fields = new ArrayList<>();
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.START_ARRAY && ++depth == 2) {
          fields = new ArrayList<>();
        } else if (t == JsonToken.VALUE_STRING) {
          if (fields.isEmpty()) {
            line = p.currentTokenLocation().getLineNr();   // the row's first line, as an editor counts lines
          }
          fields.add(p.getText());
        } else if (t == JsonToken.END_ARRAY && depth-- == 2
            && !(fields.size() == 1 && fields.get(0).isEmpty())) {
          rows.add(new CsvRow(line, List.copyOf(fields)));   // a blank line is no row (as eval and Python read it)
        }
      }
    } catch (IOException e) {
      throw new BenchmarkFormatException(file, line, "not valid CSV: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return rows;
  }

  private static String string(JsonRow row, String name, Path file) {
    JsonNode v = row.json().get(name);
    if (v == null || !v.isTextual()) {
      throw new BenchmarkFormatException(file, row.line(), "field '" + name + "' is missing or not a string");
    }
    return v.asText();
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    for (String ext : List.of(".jsonl.gz", ".jsonl")) {
      if (n.endsWith(ext)) {
        return n.substring(0, n.length() - ext.length());
      }
    }
    return n;
  }
}
