package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Natural Questions open as released (google-research-datasets/natural-questions {@code nq_open/}):
 * {@code NQ-open.SPLIT.jsonl} ({@code dev} is lm-eval's validation, {@code train}) with {@code {question, answer}} per
 * line, {@code answer} a list of strings. Fields: {@code question}, {@code answer} (the list; any of it is right).
 */
public final class NqOpenLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    return read(base.resolve("NQ-open." + split + ".jsonl"), split);
  }

  /** The questions of one NQ-open file. */
  static List<Doc> read(Path file, String split) {
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String q = Jsonl.string(row, "question", file);
      JsonNode a = row.json().get("answer");
      if (a == null || !a.isArray() || a.isEmpty()) {
        throw new DataFormatException(file, row.line(), "field 'answer' is missing or not a non-empty list");
      }
      List<String> answers = new ArrayList<>();
      for (JsonNode x : a) {
        if (!x.isTextual()) {
          throw new DataFormatException(file, row.line(), "field 'answer' holds a non-string");
        }
        answers.add(x.asText());
      }
      int index = docs.size();
      docs.add(new Doc("nq_open/" + split + "/" + index, index, Map.of("question", q, "answer", List.copyOf(answers))));
    }
    return docs;
  }
}
