package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:title} ({@code TitleChecker}, no kwargs): some match of {@code <<[^\n]+>>} (greedy, so
 * two titles on one line are one match) is not blank once its leading {@code <} and trailing {@code >} are removed.
 */
public final class Title implements Instruction {
  private static final Pattern TITLE = Patterns.compile("<<[^\\n]+>>", 0);

  public Title(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    Matcher m = TITLE.matcher(response);
    while (m.find()) {
      if (!PyText.strip(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">")).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
