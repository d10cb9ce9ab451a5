package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.LanguageDetection;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.Optional;

/**
 * {@code change_case:english_capital} ({@code CapitalLettersEnglishChecker}, no kwargs): {@code isupper()} and the
 * detected language is English; when nothing can be detected an upper-case response counts as followed (lm-eval's
 * {@code LangDetectException} path).
 */
public final class EnglishCapital implements Instruction {
  public EnglishCapital(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    if (!PyText.isUpper(response)) {
      return false;
    }
    Optional<String> lang = LanguageDetection.get().detect(response);
    return lang.isEmpty() || lang.get().equals("en");
  }
}
