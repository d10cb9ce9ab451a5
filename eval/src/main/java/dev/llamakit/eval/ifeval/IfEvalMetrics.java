package dev.llamakit.eval.ifeval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.task.Doc;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IFEval's four metrics of one document, as lm-eval's {@code process_results} returns them: the prompt-level ones
 * are 1/0 (every instruction followed), the instruction-level ones a list of booleans, one per instruction, which
 * the aggregation flattens over all documents before averaging ({@code agg_inst_level_acc}).
 */
public final class IfEvalMetrics {
  /** The metric names, as in lm-eval's {@code metric_list}. */
  public static final Set<String> NAMES = Set.of("prompt_level_strict_acc", "inst_level_strict_acc",
      "prompt_level_loose_acc", "inst_level_loose_acc");

  private IfEvalMetrics() {}

  /** The checkers of an IFEval document (fields {@code instruction_id_list} and {@code kwargs}). */
  @SuppressWarnings("unchecked")
  public static List<Instruction> instructions(Doc doc) {
    return IfEvalCheck.instructions(doc.list("instruction_id_list"),
        (List<Map<String, Object>>) doc.field("kwargs"));
  }

  /** Puts {@code metric + "," + filter} of {@code check} into {@code metrics}. */
  public static void put(ObjectNode metrics, String metric, String filter, IfEvalCheck check) {
    String key = metric + "," + filter;
    switch (metric) {
      case "prompt_level_strict_acc" -> metrics.put(key, check.strictAll() ? 1.0 : 0.0);
      case "prompt_level_loose_acc" -> metrics.put(key, check.looseAll() ? 1.0 : 0.0);
      case "inst_level_strict_acc" -> booleans(metrics.putArray(key), check.strict());
      case "inst_level_loose_acc" -> booleans(metrics.putArray(key), check.loose());
      default -> throw new IllegalArgumentException("not an IFEval metric: " + metric);
    }
  }

  private static void booleans(ArrayNode a, List<Boolean> v) {
    v.forEach(a::add);
  }
}
