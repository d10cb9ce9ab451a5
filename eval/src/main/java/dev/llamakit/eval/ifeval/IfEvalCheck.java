package dev.llamakit.eval.ifeval;

import dev.llamakit.eval.ifeval.text.PyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores one IFEval response as lm-eval's {@code utils.process_results}: every instruction of the record checked
 * strictly (the response as it is; a blank response follows nothing) and loosely (followed when any of eight
 * variants follows it: the response, its first line removed, its last line removed, both, and each of those four
 * with every {@code *} removed; a blank variant is skipped).
 *
 * @param strict per instruction, followed in strict mode
 * @param loose per instruction, followed in loose mode
 */
public record IfEvalCheck(List<Boolean> strict, List<Boolean> loose) {

  /** The checkers of one record: instruction ids and their kwargs, index by index. */
  public static List<Instruction> instructions(List<String> ids, List<? extends Map<String, ?>> kwargs) {
    if (ids.size() != kwargs.size()) {
      throw new IllegalArgumentException("instruction_id_list has " + ids.size() + " entries but kwargs has "
          + kwargs.size());
    }
    List<Instruction> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(Instructions.create(ids.get(i), kwargs.get(i)));
    }
    return out;
  }

  /** Checks {@code response} against {@code instructions}. */
  public static IfEvalCheck of(List<Instruction> instructions, String response) {
    List<String> variants = looseVariants(response);
    List<Boolean> strict = new ArrayList<>();
    List<Boolean> loose = new ArrayList<>();
    for (Instruction in : instructions) {
      strict.add(!PyText.strip(response).isEmpty() && in.follows(response));
      boolean any = false;
      for (String v : variants) {
        if (!PyText.strip(v).isEmpty() && in.follows(v)) {
          any = true;
          break;
        }
      }
      loose.add(any);
    }
    return new IfEvalCheck(List.copyOf(strict), List.copyOf(loose));
  }

  /** The eight responses loose mode tries, in lm-eval's order. */
  public static List<String> looseVariants(String response) {
    List<String> lines = PyText.split(response, "\n");
    int n = lines.size();
    String first = PyText.strip(String.join("\n", lines.subList(Math.min(1, n), n)));
    String last = PyText.strip(String.join("\n", lines.subList(0, Math.max(0, n - 1))));
    String both = n <= 2 ? "" : PyText.strip(String.join("\n", lines.subList(1, n - 1)));
    return List.of(response, response.replace("*", ""), first, last, both, first.replace("*", ""),
        last.replace("*", ""), both.replace("*", ""));
  }

  /** lm-eval's {@code follow_all_instructions}, strict. */
  public boolean strictAll() {
    return strict.stream().allMatch(b -> b);
  }

  /** lm-eval's {@code follow_all_instructions}, loose. */
  public boolean looseAll() {
    return loose.stream().allMatch(b -> b);
  }
}
