package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenBookQA in its original release layout ({@code OpenBookQA-V1-Sep2018/Data/Main/{train,dev,test}.jsonl}, which the
 * HF {@code openbookqa/main} dataset lm-eval reads is built from): per line
 * {@code {"id", "question": {"stem", "choices": [{"text", "label"}, ...]}, "answerKey"}}. Fields: {@code question_stem},
 * {@code choices} (the texts), {@code gold} (the index of {@code answerKey}, leading whitespace stripped, among the
 * labels, as lm-eval's {@code choices.label.index(answerKey.lstrip())}).
 */
public final class OpenBookQaLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve(split + ".jsonl");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      long line = row.line();
      JsonNode q = row.json().get("question");
      if (q == null || !q.isObject() || !q.path("stem").isTextual()) {
        throw new DataFormatException(file, line, "field 'question.stem' is missing or not a string");
      }
      JsonNode choices = q.get("choices");
      if (choices == null || !choices.isArray() || choices.isEmpty()) {
        throw new DataFormatException(file, line, "field 'question.choices' is missing or not a non-empty array");
      }
      List<String> texts = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (JsonNode c : choices) {
        if (!c.path("text").isTextual() || !c.path("label").isTextual()) {
          throw new DataFormatException(file, line, "field 'question.choices' item " + texts.size()
              + " needs string 'text' and 'label'");
        }
        texts.add(c.get("text").asText());
        labels.add(c.get("label").asText());
      }
      String key = Jsonl.string(row, "answerKey", file).stripLeading();
      int gold = labels.indexOf(key);
      if (gold < 0) {
        throw new DataFormatException(file, line, "field 'answerKey' \"" + key + "\" is not one of the labels "
            + labels);
      }
      int index = docs.size();
      docs.add(new Doc("openbookqa/" + split + "/" + index, index,
          Map.of("question_stem", q.get("stem").asText(), "choices", List.copyOf(texts), "gold", gold)));
    }
    return docs;
  }
}
