package dev.llamakit.pipelines.kenlm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A language-model file that cannot be loaded: the message names the file and where in it the problem is (an ARPA
 * line number, or a binary header field and byte offset).
 */
public final class LanguageModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  LanguageModelFormatException(String message) {
    super(message);
  }

  static LanguageModelFormatException atLine(Path file, long line, String problem) {
    return new LanguageModelFormatException(file + ":" + line + ": " + problem);
  }

  static LanguageModelFormatException inBinary(Path file, String problem) {
    return new LanguageModelFormatException(file + ": " + problem);
  }
}
