package dev.llamakit.eval.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark item: a stable id, its position in its split, and named fields the templates read.
 *
 * @param id stable id used in result keys, e.g. {@code "abstract_algebra/12"} or {@code "HumanEval/0"}
 * @param index position within its (sub)task's split, lm-eval's {@code doc_id}
 * @param fields field values: strings, integers or lists of strings
 */
public record Doc(String id, int index, Map<String, Object> fields) {
  public Doc {
    Objects.requireNonNull(id, "id");
    fields = Map.copyOf(fields);
  }

  /** The string field {@code name}; fails naming the doc when absent. */
  public String text(String name) {
    Object v = field(name);
    return v.toString();
  }

  /** The integer field {@code name}. */
  public int integer(String name) {
    Object v = field(name);
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalArgumentException("doc " + id + ": field '" + name + "' is not an integer: " + v);
  }

  /** The list field {@code name}. */
  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    Object v = field(name);
    if (v instanceof List<?> l) {
      return (List<String>) l;
    }
    throw new IllegalArgumentException("doc " + id + ": field '" + name + "' is not a list: " + v);
  }

  /** The raw value of field {@code name}. */
  public Object field(String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw new IllegalArgumentException("doc " + id + " has no field '" + name + "' (fields: " + fields.keySet() + ")");
    }
    return v;
  }
}
