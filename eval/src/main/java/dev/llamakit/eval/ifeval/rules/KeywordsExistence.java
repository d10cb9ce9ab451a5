package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code keywords:existence} ({@code KeywordChecker}, kwargs {@code keywords}): every keyword, taken as a regular
 * expression, is found in the response, ignoring case.
 */
public final class KeywordsExistence implements Instruction {
  private final List<Pattern> keywords = new ArrayList<>();

  public KeywordsExistence(InstructionArgs a) {
    for (String k : a.strings("keywords")) {
      keywords.add(Patterns.compile(k, Pattern.CASE_INSENSITIVE));
    }
  }

  @Override
  public boolean follows(String response) {
    return keywords.stream().allMatch(p -> p.matcher(response).find());
  }
}
