package dev.llamakit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line layer lives in cli/ only (issue 15): the library modules' main code neither imports picocli nor
 * names the command packages, and their poms do not depend on picocli. A command added to a library module fails
 * here, naming the file and line; it belongs in {@code cli/src/main/java/dev/llamakit/cli/<module>/}.
 */
class LibrariesWithoutPicocliTest {
  /** surefire runs in cli/: the library modules are its siblings. */
  private static final Path ROOT = Path.of("..");

  /** picocli, or llamakit's command packages, named in code (an import or a qualified name); not in a comment. */
  private static final Pattern COMMAND_LAYER = Pattern.compile("\\bpicocli\\.|\\bdev\\.llamakit\\.cli\\b");

  @ParameterizedTest
  @ValueSource(strings = {"engine", "safety", "eval", "pipelines", "serve"})
  void mainCodeDoesNotUsePicocli(String module) throws IOException {
    Path main = ROOT.resolve(module).resolve("src/main/java");
    assertTrue(Files.isDirectory(main), main.toAbsolutePath() + ": the module's sources are missing");
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(main)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        files++;
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).strip();
          if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
            continue;
          }
          if (COMMAND_LAYER.matcher(code).find()) {
            found.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + code);
          }
        }
      }
    }
    assertTrue(files > 0, main + ": no Java sources");
    assertEquals(List.of(), found, module + ": commands and picocli belong in cli/ (see cli/README.md)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine", "safety", "eval", "pipelines", "serve"})
  void pomDoesNotDependOnPicocli(String module) throws IOException {
    String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8);
    assertFalse(pom.contains("<artifactId>picocli</artifactId>"), module + "/pom.xml depends on picocli");
  }
}
