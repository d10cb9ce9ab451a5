package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MBPP as released (google-research/mbpp {@code mbpp.jsonl}): {@code {text, code, task_id, test_setup_code,
 * test_list, challenge_test_list}} per line; the splits are the paper's task-id ranges, which the HF dataset's
 * ("full") splits follow: {@code prompt} 1-10, {@code test} 11-510 (the 500 lm-eval scores), {@code validation}
 * 511-600, {@code train} 601-974, each in file order.
 * Fields: {@code text}, {@code code}, {@code task_id}, {@code test_setup_code}, {@code test_list} (list).
 */
public final class MbppLoader implements DatasetLoader {
  private static final Map<String, int[]> SPLITS = Map.of("prompt", new int[] {1, 10}, "test", new int[] {11, 510},
      "validation", new int[] {511, 600}, "train", new int[] {601, 974});

  @Override
  public List<Doc> load(Path base, String split) {
    int[] range = SPLITS.get(split);
    if (range == null) {
      throw new IllegalArgumentException("MBPP has no split '" + split + "' (prompt, test, validation, train)");
    }
    List<Jsonl.Row> rows = Jsonl.read(base);
    List<Doc> docs = new ArrayList<>();
    for (Jsonl.Row row : rows) {
      JsonNode id = row.json().get("task_id");
      if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
        throw new DataFormatException(base, row.line(), "field 'task_id' is missing or not an integer");
      }
      int tid = id.asInt();
      if (tid < range[0] || tid > range[1]) {
        continue;
      }
      Map<String, Object> f = new HashMap<>();
      f.put("task_id", tid);
      f.put("text", Jsonl.string(row, "text", base));
      f.put("code", Jsonl.string(row, "code", base));
      f.put("test_setup_code", Jsonl.string(row, "test_setup_code", base));
      f.put("test_list", strings(row, "test_list", base));
      docs.add(new Doc("mbpp/" + tid, docs.size(), f));
    }
    return docs;
  }

  /** The list-of-strings field {@code name} holding at least the three asserts lm-eval's template reads. */
  static List<String> strings(Jsonl.Row row, String name, Path file) {
    JsonNode v = row.json().get(name);
    if (v == null || !v.isArray()) {
      throw new DataFormatException(file, row.line(), "field '" + name + "' is missing or not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        throw new DataFormatException(file, row.line(), "field '" + name + "' holds a non-string");
      }
      out.add(x.asText());
    }
    if (out.size() < 3) {
      throw new DataFormatException(file, row.line(), "field '" + name + "' holds " + out.size()
          + " asserts; the mbpp prompt shows three");
    }
    return List.copyOf(out);
  }
}
