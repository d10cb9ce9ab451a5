package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.ifeval.IfEvalCheck;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IFEval as released (google-research {@code instruction_following_eval/data/input_data.jsonl}, the file behind the HF
 * dataset {@code google/IFEval}, split {@code train}): one record a line, {@code {key, prompt, instruction_id_list,
 * kwargs}}, {@code kwargs} holding one object per instruction (null or absent arguments allowed, as in both
 * releases). The split is ignored (there is only one). Every record's instructions are built when the file is read,
 * so an unknown instruction id or a bad argument stops the run before the model starts, naming file, line and
 * instruction. Ids are {@code ifeval/KEY}.
 */
public final class IfEvalLoader implements DatasetLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<Doc> load(Path file, String split) {
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    Map<Long, Long> seen = new HashMap<>();
    for (Jsonl.Row row : rows) {
      JsonNode key = row.json().get("key");
      if (key == null || !key.canConvertToLong() || !key.isIntegralNumber()) {
        throw new DataFormatException(file, row.line(), "field 'key' is missing or not a whole number");
      }
      Long before = seen.put(key.asLong(), row.line());
      if (before != null) {
        throw new DataFormatException(file, row.line(), "key " + key.asLong() + " already used on line " + before);
      }
      String prompt = Jsonl.string(row, "prompt", file);
      JsonNode ids = row.json().get("instruction_id_list");
      if (ids == null || !ids.isArray() || ids.isEmpty()) {
        throw new DataFormatException(file, row.line(), "field 'instruction_id_list' is missing or not a non-empty "
            + "array of strings");
      }
      List<String> idList = new ArrayList<>();
      for (JsonNode id : ids) {
        if (!id.isTextual()) {
          throw new DataFormatException(file, row.line(), "field 'instruction_id_list' holds a non-string: " + id);
        }
        idList.add(id.asText());
      }
      JsonNode kw = row.json().get("kwargs");
      if (kw == null || !kw.isArray()) {
        throw new DataFormatException(file, row.line(), "field 'kwargs' is missing or not an array");
      }
      List<Map<String, Object>> kwargs = new ArrayList<>();
      for (JsonNode k : kw) {
        if (!k.isObject()) {
          throw new DataFormatException(file, row.line(), "field 'kwargs' holds a non-object: " + k);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(k, LinkedHashMap.class);
        kwargs.add(m);
      }
      try {
        IfEvalCheck.instructions(idList, kwargs);
      } catch (IllegalArgumentException e) {
        throw new DataFormatException(file, row.line(), e.getMessage());
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("key", key.isInt() ? (Object) key.asInt() : (Object) key.asLong());
      f.put("prompt", prompt);
      f.put("instruction_id_list", List.copyOf(idList));
      f.put("kwargs", kwargs);
      docs.add(new Doc("ifeval/" + key.asLong(), docs.size(), f));
    }
    return docs;
  }
}
