package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code length_constraints:number_paragraphs} ({@code ParagraphChecker}, kwargs {@code num_paragraphs}): split at
 * {@code \s?\*\*\*\s?}, exactly {@code num_paragraphs} parts, where a blank first or last part does not count and a
 * blank part in between fails.
 */
public final class NumberParagraphs implements Instruction {
  private static final Pattern DIVIDER = Patterns.compile(PyText.SPACE + "?\\*\\*\\*" + PyText.SPACE + "?", 0);

  private final int count;

  public NumberParagraphs(InstructionArgs a) {
    count = a.integer("num_paragraphs", 0);
  }

  @Override
  public boolean follows(String response) {
    String[] parts = DIVIDER.split(response, -1);
    int n = parts.length;
    for (int i = 0; i < parts.length; i++) {
      if (PyText.strip(parts[i]).isEmpty()) {
        if (i == 0 || i == parts.length - 1) {
          n--;
        } else {
          return false;
        }
      }
    }
    return n == count;
  }
}
