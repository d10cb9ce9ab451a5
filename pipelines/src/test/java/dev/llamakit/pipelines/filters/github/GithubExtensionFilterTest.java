package dev.llamakit.pipelines.filters.github;

import static dev.llamakit.pipelines.filters.github.Files.apply;
import static dev.llamakit.pipelines.filters.github.Files.file;
import static dev.llamakit.pipelines.filters.github.Files.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.io.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubExtensionFilterTest {
  private static String decide(String path) {
    return reason(apply("github_extensions", Map.of(), file(path, "MIT", "x")));
  }

  @Test
  void rpv1sSixtySixEndingsCaseSensitive() {
    assertEquals(66, Resources.tableLines(GithubExtensionFilter.class, "/dev/llamakit/pipelines/code/extensions.tsv")
        .size());
    for (String keep : List.of("src/a.c", "x/Y.java", "Dockerfile", "build/Makefile", "k.C", "lib.rs", "q.smali",
        "docs/README.md")) {
      assertEquals("keep", decide(keep), keep);
    }
    for (String drop : List.of("LICENSE", "cert.crt", "data.csv", "a.JAVA", "x.yaml", "Makefile.in", "a.c.orig")) {
      assertEquals("GITHUB_EXTENSION_NOT_ALLOWED", decide(drop), drop);
    }
  }

  @Test
  void configurableAndNoPath() {
    assertEquals("keep", reason(apply("github_extensions", Map.of("extensions", List.of(".yaml")),
        file("x.yaml", "MIT", "a: 1"))));
    var noPath = file("a.c", "MIT", "x").withSignals(dev.llamakit.pipelines.doc.Signals.EMPTY);
    assertEquals("GITHUB_NO_PATH", reason(apply("github_extensions", Map.of(), noPath)));
  }
}
