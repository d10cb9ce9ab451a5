package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.engine.text.PunktSentences;
import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.Relation;

/**
 * {@code length_constraints:number_sentences} ({@code NumberOfSentences}, kwargs {@code num_sentences, relation}):
 * the number of sentences NLTK's punkt finds is less than / at least {@code num_sentences}. Counted by
 * {@link PunktSentences}, punkt's decisions restated with bundled word lists in place of its trained
 * {@code english.pickle}: a rare abbreviation or a sentence start punkt learned as frequent can be counted
 * differently.
 */
public final class NumberSentences implements Instruction {
  private final int count;
  private final Relation relation;

  public NumberSentences(InstructionArgs a) {
    count = a.integer("num_sentences", 0);
    relation = a.relation("relation");
  }

  @Override
  public boolean follows(String response) {
    return relation.holds(PunktSentences.english().count(response), count);
  }
}
