package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GSM8k as released by openai/grade-school-math: {@code SPLIT.jsonl} rows {@code {question, answer}} whose answer ends
 * with {@code #### N}. Fields: {@code question}, {@code answer} (full rationale), {@code target} (lm-eval's
 * {@code answer.split('####')[-1].strip()}).
 */
public final class Gsm8kLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve(split + ".jsonl");
    List<JsonNode> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    int line = 0;
    for (JsonNode row : rows) {
      line++;
      String q = Jsonl.string(row, "question", file, line);
      String a = Jsonl.string(row, "answer", file, line);
      int hash = a.lastIndexOf("####");
      if (hash < 0) {
        throw new DataFormatException(file, line, "answer has no '#### N' final line");
      }
      int index = docs.size();
      docs.add(new Doc(split + "/" + index, index,
          Map.of("question", q, "answer", a, "target", a.substring(hash + 4).strip())));
    }
    return docs;
  }
}
