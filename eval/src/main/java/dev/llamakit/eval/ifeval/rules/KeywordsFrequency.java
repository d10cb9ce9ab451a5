package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.Relation;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code keywords:frequency} ({@code KeywordFrequencyChecker}, kwargs {@code keyword, frequency, relation}): the
 * number of non-overlapping, case-ignoring matches of the stripped keyword (a regular expression) is less than /
 * at least {@code frequency}.
 */
public final class KeywordsFrequency implements Instruction {
  private final Pattern keyword;
  private final int frequency;
  private final Relation relation;

  public KeywordsFrequency(InstructionArgs a) {
    keyword = Patterns.compile(PyText.strip(a.string("keyword")), Pattern.CASE_INSENSITIVE);
    frequency = a.integer("frequency", 0);
    relation = a.relation("relation");
  }

  @Override
  public boolean follows(String response) {
    return relation.holds(PyText.count(keyword, response), frequency);
  }
}
