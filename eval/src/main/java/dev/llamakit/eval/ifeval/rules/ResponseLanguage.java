package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.LanguageDetection;
import java.util.Optional;

/**
 * {@code language:response_language} ({@code ResponseLanguageChecker}, kwargs {@code language}, an ISO 639-1 code):
 * the detected language of the whole response is that language; a response nothing can be detected from counts as
 * followed (lm-eval catches {@code LangDetectException} and returns True). See {@link LanguageDetection} for where
 * detection may differ from Python's langdetect.
 */
public final class ResponseLanguage implements Instruction {
  private final String language;

  public ResponseLanguage(InstructionArgs a) {
    language = a.string("language");
  }

  @Override
  public boolean follows(String response) {
    Optional<String> got = LanguageDetection.get().detect(response);
    return got.isEmpty() || got.get().equals(language);
  }
}
