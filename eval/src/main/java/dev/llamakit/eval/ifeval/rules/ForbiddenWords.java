package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code keywords:forbidden_words} ({@code ForbiddenWords}, kwargs {@code forbidden_words}): no word is found as
 * {@code \bWORD\b}, ignoring case. Python's {@code \b} on str patterns (a change between {@code [\p{L}\p{N}_]} and
 * anything else) is spelled out with look-arounds, since Java's Unicode {@code \b} also counts combining marks as word
 * characters.
 */
public final class ForbiddenWords implements Instruction {
  private static final String W = "[\\p{L}\\p{N}_]";
  static final String BOUNDARY = "(?:(?<=" + W + ")(?!" + W + ")|(?<!" + W + ")(?=" + W + "))";

  private final List<Pattern> words = new ArrayList<>();

  public ForbiddenWords(InstructionArgs a) {
    for (String w : new LinkedHashSet<>(a.strings("forbidden_words"))) {
      words.add(Patterns.compile(BOUNDARY + w + BOUNDARY, Pattern.CASE_INSENSITIVE));
    }
  }

  @Override
  public boolean follows(String response) {
    return words.stream().noneMatch(p -> p.matcher(response).find());
  }
}
