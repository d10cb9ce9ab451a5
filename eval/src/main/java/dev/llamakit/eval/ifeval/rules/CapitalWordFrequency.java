package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.Relation;
import dev.llamakit.eval.ifeval.text.TreebankWords;

/**
 * {@code change_case:capital_word_frequency} ({@code CapitalWordFrequencyChecker}, kwargs {@code capital_frequency,
 * capital_relation}): the tokens of NLTK's {@code word_tokenize} ({@link TreebankWords}) that are all capitals
 * ({@code isupper()}: {@code "DON'T"} is two, {@code "DO"} and {@code "N'T"}) number less than / at least
 * {@code capital_frequency}.
 */
public final class CapitalWordFrequency implements Instruction {
  private final int count;
  private final Relation relation;

  public CapitalWordFrequency(InstructionArgs a) {
    count = a.integer("capital_frequency", 0);
    relation = a.relation("capital_relation");
  }

  @Override
  public boolean follows(String response) {
    return relation.holds(TreebankWords.capitalWords(response), count);
  }
}
