package dev.llamakit.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rules checked over the module's sources: a package-info per package, javadoc on every public type. */
class ConventionTest {
  private static final Path SRC = Path.of("src/main/java/dev/llamakit/safety");

  @Test
  void everyPackageHasAPackageInfo() throws Exception {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(SRC)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        boolean hasJava;
        try (Stream<Path> f = Files.list(d)) {
          hasJava = f.anyMatch(p -> p.toString().endsWith(".java"));
        }
        if (hasJava && !Files.exists(d.resolve("package-info.java"))) missing.add(d.toString());
      }
    }
    assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
  }

  @Test
  void everyPublicTypeOpensWithJavadoc() throws Exception {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SRC)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
        String s = Files.readString(f);
        int decl = indexOfPublicType(s);
        if (decl < 0) continue;
        String before = s.substring(0, decl).stripTrailing();
        while (before.endsWith(")") || before.matches("(?s).*@\\w+$")) {  // skip annotations
          int at = before.lastIndexOf('@');
          if (at < 0) break;
          before = before.substring(0, at).stripTrailing();
        }
        if (!before.endsWith("*/")) missing.add(f.getFileName().toString());
      }
    }
    assertTrue(missing.isEmpty(), "public types without javadoc: " + missing);
  }

  private static int indexOfPublicType(String s) {
    var m = java.util.regex.Pattern.compile("(?m)^public (final |abstract |sealed )*(class|interface|record|enum) ").matcher(s);
    return m.find() ? m.start() : -1;
  }
}
