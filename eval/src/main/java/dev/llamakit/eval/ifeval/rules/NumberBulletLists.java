package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:number_bullet_lists} ({@code BulletListChecker}, kwargs {@code num_bullets}): the
 * matches of {@code ^\s*\*[^\*].*$} plus those of {@code ^\s*-.*$} (multi-line; {@code \s} can cross blank lines, as
 * in Python) number exactly {@code num_bullets}.
 */
public final class NumberBulletLists implements Instruction {
  private static final Pattern STAR = Patterns.compile("^" + PyText.SPACE + "*\\*[^*].*$", Pattern.MULTILINE);
  private static final Pattern DASH = Patterns.compile("^" + PyText.SPACE + "*-.*$", Pattern.MULTILINE);

  private final int count;

  public NumberBulletLists(InstructionArgs a) {
    count = a.integer("num_bullets", 0);
  }

  @Override
  public boolean follows(String response) {
    return PyText.count(STAR, response) + PyText.count(DASH, response) == count;
  }
}
