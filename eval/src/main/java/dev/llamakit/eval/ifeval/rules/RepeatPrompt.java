package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code combination:repeat_prompt} ({@code RepeatPromptThenAnswer}, kwargs {@code prompt_to_repeat}): the stripped,
 * lower-cased response starts with the stripped, lower-cased request.
 */
public final class RepeatPrompt implements Instruction {
  private final String prompt;

  public RepeatPrompt(InstructionArgs a) {
    prompt = PyText.lower(PyText.strip(a.string("prompt_to_repeat")));
  }

  @Override
  public boolean follows(String response) {
    return PyText.lower(PyText.strip(response)).startsWith(prompt);
  }
}
