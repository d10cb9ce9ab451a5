package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code startend:end_checker} ({@code EndChecker}, kwargs {@code end_phrase}): the response, stripped of whitespace
 * then of double quotes and lower-cased, ends with the stripped, lower-cased phrase.
 */
public final class EndChecker implements Instruction {
  private final String phrase;

  public EndChecker(InstructionArgs a) {
    phrase = PyText.lower(PyText.strip(a.string("end_phrase")));
  }

  @Override
  public boolean follows(String response) {
    return PyText.lower(PyText.strip(PyText.strip(response), "\"")).endsWith(phrase);
  }
}
