package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code combination:two_responses} ({@code TwoResponsesChecker}, no kwargs): split at {@code ******}, exactly two
 * non-blank parts that differ once stripped; a blank part other than the first or last fails.
 */
public final class TwoResponses implements Instruction {
  public TwoResponses(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    List<String> parts = PyText.split(response, "******");
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (PyText.strip(parts.get(i)).isEmpty()) {
        if (i != 0 && i != parts.size() - 1) {
          return false;
        }
      } else {
        valid.add(parts.get(i));
      }
    }
    return valid.size() == 2 && !PyText.strip(valid.get(0)).equals(PyText.strip(valid.get(1)));
  }
}
