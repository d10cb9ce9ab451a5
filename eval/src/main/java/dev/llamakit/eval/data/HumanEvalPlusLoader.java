package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HumanEval+ (EvalPlus) as lm-eval's {@code humaneval_plus} reads it: {@code HumanEvalPlus.jsonl} (or {@code .gz}) rows
 * {@code {task_id, prompt, canonical_solution, entry_point, test}} where {@code test} is EvalPlus's extended
 * {@code check(candidate)} program (the base and plus inputs with their expected outputs), as the
 * evalplus/humanevalplus rows hold it. A raw release record (one with {@code plus_input}) is refused naming the file and
 * line: its expected outputs would have to be computed by running {@code canonical_solution}, which is not done here,
 * and a {@code test} field beside it could not be trusted to hold the plus inputs.
 */
public final class HumanEvalPlusLoader implements DatasetLoader {
  private static final List<String> FIELDS = List.of("task_id", "prompt", "canonical_solution", "entry_point", "test");

  @Override
  public List<Doc> load(Path base, String split) {
    List<Jsonl.Row> rows = Jsonl.read(base);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      JsonNode j = row.json();
      if (j.has("plus_input")) { // its own 'test', if any, would not hold the plus inputs: never run it as HumanEval+
        throw new DataFormatException(base, row.line(), "a raw EvalPlus release record (base_input/plus_input): its "
            + "expected outputs would have to be computed from canonical_solution, which is not implemented; "
            + "humaneval_plus reads the evalplus/humanevalplus rows {task_id, prompt, canonical_solution, entry_point, "
            + "test}");
      }
      if (!j.has("test")) {
        throw new DataFormatException(base, row.line(), "field 'test' (EvalPlus's extended check program) is missing: "
            + "this file does not hold HumanEval+");
      }
      Map<String, Object> f = new HashMap<>();
      for (String name : FIELDS) {
        f.put(name, Jsonl.string(row, name, base));
      }
      docs.add(new Doc((String) f.get("task_id"), docs.size(), f));
    }
    return docs;
  }
}
