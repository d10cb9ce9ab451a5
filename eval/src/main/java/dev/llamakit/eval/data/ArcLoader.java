package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ARC in MosaicML's JSONL conversion ({@code {"query": "Question: ...", "choices": [...], "gold": i}}, test split only).
 * Fields: {@code question} (the query without its "Question: " prefix, which lm-eval's template adds back),
 * {@code choices}, {@code answer}.
 */
public final class ArcLoader implements DatasetLoader {
  private static final String PREFIX = "Question: ";

  @Override
  public List<Doc> load(Path file, String split) {
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      long line = row.line();
      String q = Jsonl.string(row, "query", file);
      JsonNode choices = row.json().get("choices");
      JsonNode gold = row.json().get("gold");
      if (choices == null || !choices.isArray() || choices.isEmpty()) {
        throw new DataFormatException(file, line, "field 'choices' is missing or not a non-empty array");
      }
      List<String> c = new ArrayList<>();
      for (JsonNode x : choices) {
        if (!x.isTextual()) {
          throw new DataFormatException(file, line, "field 'choices' item " + c.size() + " is not a string: " + x);
        }
        c.add(x.asText());
      }
      if (gold == null || !gold.isIntegralNumber() || !gold.canConvertToInt() || gold.asInt() < 0 || gold.asInt() >= c.size()) {
        throw new DataFormatException(file, line, "field 'gold' must be an index into choices, got " + gold);
      }
      int index = docs.size();
      docs.add(new Doc("arc/" + index, index, Map.of(
          "question", q.startsWith(PREFIX) ? q.substring(PREFIX.length()) : q, "choices", List.copyOf(c),
          "answer", gold.asInt())));
    }
    return docs;
  }
}
