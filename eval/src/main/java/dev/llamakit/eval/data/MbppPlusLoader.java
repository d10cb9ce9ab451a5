package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MBPP+ (EvalPlus) as lm-eval's {@code mbpp_plus} reads it: the evalplus/mbppplus rows, {@code {task_id, code,
 * prompt, source_file, test_imports, test_list, test}}, one JSON object per line of {@code MbppPlus.jsonl}; one split.
 * Fields: {@code task_id}, {@code text} (the row's {@code prompt}, which lm-eval's template prefers to {@code text}),
 * {@code code}, {@code test_list} (the corrected base asserts lm-eval executes) and {@code test} (EvalPlus's program
 * over the extended inputs, required so a file without the extended tests is refused; {@code mbpp_plus_extended}
 * executes it) and {@code test_imports}. A line of the raw EvalPlus
 * release (one with {@code plus_input}) is refused naming the file and line.
 */
public final class MbppPlusLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    List<Jsonl.Row> rows = Jsonl.read(base);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      JsonNode j = row.json();
      if (j.has("plus_input")) {
        throw new DataFormatException(base, row.line(), "a raw EvalPlus release record (base_input/plus_input): its "
            + "expected outputs would have to be computed from the canonical solution, which is not implemented; "
            + "mbpp_plus reads the evalplus/mbppplus rows {task_id, prompt, code, test_list, test}");
      }
      JsonNode id = j.get("task_id");
      if (id == null || !(id.isIntegralNumber() || id.isTextual())) {
        throw new DataFormatException(base, row.line(), "field 'task_id' is missing");
      }
      if (!j.has("test")) {
        throw new DataFormatException(base, row.line(), "field 'test' (EvalPlus's extended tests) is missing: this "
            + "file does not hold MBPP+");
      }
      Map<String, Object> f = new HashMap<>();
      f.put("task_id", id.asText());
      f.put("text", Jsonl.string(row, "prompt", base));
      f.put("code", Jsonl.string(row, "code", base));
      f.put("test", Jsonl.string(row, "test", base));
      f.put("test_list", MbppLoader.strings(row, "test_list", base));
      f.put("test_imports", imports(row, base));
      docs.add(new Doc("mbpp_plus/" + id.asText(), docs.size(), f));
    }
    return docs;
  }

  /** The row's {@code test_imports} (import lines the extended test program needs), empty when absent. */
  private static List<String> imports(Jsonl.Row row, Path file) {
    JsonNode v = row.json().get("test_imports");
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new DataFormatException(file, row.line(), "field 'test_imports' is not a list");
    }
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        throw new DataFormatException(file, row.line(), "field 'test_imports' holds a non-string");
      }
      out.add(x.asText());
    }
    return List.copyOf(out);
  }
}
