package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.Relation;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code keywords:letter_frequency} ({@code LetterFrequencyChecker}, kwargs {@code letter, let_frequency,
 * let_relation}): how often the letter (one of a-z, either case) occurs in the lower-cased response, less than / at
 * least {@code let_frequency}.
 */
public final class LetterFrequency implements Instruction {
  private final char letter;
  private final int frequency;
  private final Relation relation;

  public LetterFrequency(InstructionArgs a) {
    String l = a.string("letter");
    if (l.length() != 1 || Character.toLowerCase(l.charAt(0)) < 'a' || Character.toLowerCase(l.charAt(0)) > 'z') {
      throw a.error("letter", "must be one letter a-z, got '" + l + "' (lm-eval would draw a random letter)");
    }
    letter = Character.toLowerCase(l.charAt(0));
    frequency = a.integer("let_frequency", 0);
    relation = a.relation("let_relation");
  }

  @Override
  public boolean follows(String response) {
    String v = PyText.lower(response);
    long n = v.chars().filter(c -> c == letter).count();
    return relation.holds(n, frequency);
  }
}
