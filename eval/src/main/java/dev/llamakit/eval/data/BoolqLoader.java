package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BoolQ in the SuperGLUE release layout (the {@code BoolQ} folder of SuperGLUE, which the {@code super_glue/boolq}
 * dataset lm-eval reads is built from): {@code train.jsonl}, {@code val.jsonl} (lm-eval's validation split, the one
 * scored), per line {@code question}, {@code passage}, {@code idx} and {@code label} ({@code true}/{@code false}).
 * Fields: {@code question}, {@code passage}, {@code label} (0 for false, 1 for true: lm-eval's choices are
 * {@code ["no", "yes"]}).
 */
public final class BoolqLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve(split + ".jsonl");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String question = Jsonl.string(row, "question", file);
      String passage = Jsonl.string(row, "passage", file);
      JsonNode label = row.json().get("label");
      if (label == null || !label.isBoolean()) {
        throw new DataFormatException(file, row.line(), "field 'label' must be true or false, got " + label);
      }
      int index = docs.size();
      docs.add(new Doc("boolq/" + split + "/" + index, index,
          Map.of("question", question, "passage", passage, "label", label.asBoolean() ? 1 : 0)));
    }
    return docs;
  }
}
