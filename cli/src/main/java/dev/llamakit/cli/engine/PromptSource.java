package dev.llamakit.cli.engine;

import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The text a command runs on, given inline ({@code -p TEXT}, llama.cpp's habit) or as {@code -f FILE} ({@code -f -}
 * reads standard input): one of the two, never both. A file is read whole through {@link TextLines#readAll} (strict
 * UTF-8: a bad byte is an error naming {@code file:line}; {@code \r\n} read as {@code \n}), and one final line break
 * is dropped, as llama.cpp's {@code -f} drops it: a file saved by an editor gives the same tokens as {@code -p}.
 */
final class PromptSource {
  /** What {@code -f -} calls standard input in error messages. */
  static final Path STDIN = Path.of("(stdin)");

  private PromptSource() {}

  /** {@link #resolve(CommandLine.Model.CommandSpec, String, String, String, Path, boolean, InputStream)} for -f. */
  static String resolve(CommandLine.Model.CommandSpec spec, String textOption, String text, Path file,
      boolean required, InputStream stdin) throws IOException {
    return resolve(spec, textOption, text, "-f/--file", file, required, stdin);
  }

  /**
   * The text of {@code textOption} (e.g. {@code "-p/--prompt"}) or of {@code file}, given as {@code fileOption}; null
   * when neither is given and the text is optional. Both, or neither when {@code required}, is a usage error naming
   * the options.
   */
  static String resolve(CommandLine.Model.CommandSpec spec, String textOption, String text, String fileOption,
      Path file, boolean required, InputStream stdin) throws IOException {
    if (text != null && file != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), textOption + " and " + fileOption
          + " are mutually exclusive: give the text inline or in a file, not both");
    }
    if (text != null) {
      return text;
    }
    if (file == null) {
      if (required) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "missing the text: give " + textOption + " TEXT or " + fileOption + " FILE ('-' reads standard input)");
      }
      return null;
    }
    String read = isStdin(file) ? TextLines.readAll(stdin, STDIN) : TextLines.readAll(file);
    return read.endsWith("\n") ? read.substring(0, read.length() - 1) : read;
  }

  /** True for {@code -f -}. */
  static boolean isStdin(Path file) {
    return file.toString().equals("-");
  }
}
