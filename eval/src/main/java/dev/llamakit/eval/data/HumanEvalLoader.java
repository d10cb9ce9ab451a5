package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HumanEval as released by openai/human-eval: {@code HumanEval.jsonl.gz} rows {@code {task_id, prompt,
 * canonical_solution, test, entry_point}}; the split is ignored (there is only {@code test}). Ids are the task ids.
 */
public final class HumanEvalLoader implements DatasetLoader {
  private static final List<String> FIELDS = List.of("task_id", "prompt", "canonical_solution", "test", "entry_point");

  @Override
  public List<Doc> load(Path base, String split) {
    return problems(base);
  }

  /** The problems of {@code file}. */
  public static List<Doc> problems(Path file) {
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      Map<String, Object> f = new HashMap<>();
      for (String name : FIELDS) {
        f.put(name, Jsonl.string(row, name, file));
      }
      docs.add(new Doc((String) f.get("task_id"), docs.size(), f));
    }
    return docs;
  }
}
