package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.LanguageDetection;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.Optional;

/**
 * {@code change_case:english_lowercase} ({@code LowercaseLettersEnglishChecker}, no kwargs): {@code islower()} and
 * the detected language is English; when nothing can be detected a lower-case response counts as followed.
 */
public final class EnglishLowercase implements Instruction {
  public EnglishLowercase(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    if (!PyText.isLower(response)) {
      return false;
    }
    Optional<String> lang = LanguageDetection.get().detect(response);
    return lang.isEmpty() || lang.get().equals("en");
  }
}
