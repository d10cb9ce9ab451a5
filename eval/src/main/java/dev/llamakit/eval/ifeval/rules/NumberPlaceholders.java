package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code detectable_content:number_placeholders} ({@code PlaceholderChecker}, kwargs {@code num_placeholders}): at
 * least that many {@code \[.*?\]} (square brackets on one line).
 */
public final class NumberPlaceholders implements Instruction {
  private static final Pattern PLACEHOLDER = Patterns.compile("\\[.*?\\]", 0);

  private final int count;

  public NumberPlaceholders(InstructionArgs a) {
    count = a.integer("num_placeholders", 0);
  }

  @Override
  public boolean follows(String response) {
    return PyText.count(PLACEHOLDER, response) >= count;
  }
}
