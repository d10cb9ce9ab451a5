package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.List;

/**
 * {@code detectable_format:constrained_response} ({@code ConstrainedResponseChecker}, no kwargs): the stripped
 * response contains one of "My answer is yes.", "My answer is no.", "My answer is maybe.".
 */
public final class ConstrainedResponse implements Instruction {
  private static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");

  public ConstrainedResponse(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    String v = PyText.strip(response);
    return OPTIONS.stream().anyMatch(v::contains);
  }
}
