package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.Relation;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code length_constraints:number_words} ({@code NumberOfWords}, kwargs {@code num_words, relation}): the number of
 * {@code \w+} runs (NLTK's {@code RegexpTokenizer(r"\w+")}, Python's {@code \w} = letters, numbers and '_') is less
 * than / at least {@code num_words}.
 */
public final class NumberWords implements Instruction {
  private final int count;
  private final Relation relation;

  public NumberWords(InstructionArgs a) {
    count = a.integer("num_words", 0);
    relation = a.relation("relation");
  }

  @Override
  public boolean follows(String response) {
    return relation.holds(PyText.countWords(response), count);
  }
}
