package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HellaSwag in its original release layout (rowanz/hellaswag, {@code data/hellaswag_SPLIT.jsonl}; splits
 * {@code train}, {@code val} — lm-eval's {@code validation}, the one scored): per line {@code activity_label},
 * {@code ctx_a}, {@code ctx_b}, {@code endings} (4 strings) and {@code label} (an integer, or its digits as a string
 * as the HF conversion writes it). Documents are built as lm-eval's {@code process_docs}: {@code query} =
 * preprocess(activity_label + ": " + ctx_a + " " + capitalize(ctx_b)), {@code choices} = each ending preprocessed,
 * {@code gold} = label ({@link HellaswagText}).
 */
public final class HellaswagLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve("hellaswag_" + split + ".jsonl");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String activity = Jsonl.string(row, "activity_label", file);
      String ctxA = Jsonl.string(row, "ctx_a", file);
      String ctxB = Jsonl.string(row, "ctx_b", file);
      JsonNode endings = row.json().get("endings");
      if (endings == null || !endings.isArray() || endings.size() != 4) {
        throw new DataFormatException(file, row.line(), "field 'endings' is missing or not an array of 4 strings");
      }
      List<String> choices = new ArrayList<>(4);
      for (JsonNode e : endings) {
        if (!e.isTextual()) {
          throw new DataFormatException(file, row.line(), "field 'endings' item " + choices.size()
              + " is not a string: " + e);
        }
        choices.add(HellaswagText.preprocess(e.asText()));
      }
      int gold = label(row, file);
      String query = HellaswagText.preprocess(activity + ": " + ctxA + " " + HellaswagText.capitalize(ctxB));
      int index = docs.size();
      docs.add(new Doc("hellaswag/" + split + "/" + index, index,
          Map.of("query", query, "choices", List.copyOf(choices), "gold", gold)));
    }
    return docs;
  }

  private static int label(Jsonl.Row row, Path file) {
    JsonNode l = row.json().get("label");
    String digits = l == null ? null : l.isIntegralNumber() ? l.asText() : l.isTextual() ? l.asText() : null;
    if (digits == null || !digits.matches("[0-3]")) {
      throw new DataFormatException(file, row.line(), "field 'label' must be 0-3 (a number or a string), got " + l);
    }
    return Integer.parseInt(digits);
  }
}
