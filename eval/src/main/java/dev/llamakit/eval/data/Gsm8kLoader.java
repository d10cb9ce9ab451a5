package dev.llamakit.eval.data;

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
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String q = Jsonl.string(row, "question", file);
      String a = Jsonl.string(row, "answer", file);
      int hash = a.lastIndexOf("####");
      if (hash < 0) {
        throw new DataFormatException(file, row.line(), "field 'answer' has no '#### N' final line");
      }
      int index = docs.size();
      docs.add(new Doc(split + "/" + index, index,
          Map.of("question", q, "answer", a, "target", a.substring(hash + 4).strip())));
    }
    return docs;
  }
}
