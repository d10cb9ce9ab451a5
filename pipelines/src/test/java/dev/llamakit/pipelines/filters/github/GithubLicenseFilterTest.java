package dev.llamakit.pipelines.filters.github;

import static dev.llamakit.pipelines.filters.github.Files.apply;
import static dev.llamakit.pipelines.filters.github.Files.file;
import static dev.llamakit.pipelines.filters.github.Files.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubLicenseFilterTest {
  private static String decide(Object licence) {
    return reason(apply("github_license", Map.of(), file("a.c", licence, "int x;")));
  }

  @Test
  void keepsApacheBsdMitAsRpv1sLikePrefixes() {
    assertEquals("keep", decide("MIT"));
    assertEquals("keep", decide("mit"));
    assertEquals("keep", decide("Apache-2.0"));
    assertEquals("keep", decide("BSD-3-Clause"));
    assertEquals("keep", decide("bsd-2-clause"));
    assertEquals("GITHUB_LICENSE_NOT_ALLOWED", decide("GPL-3.0"));
    assertEquals("GITHUB_LICENSE_NOT_ALLOWED", decide("ISC"));
    assertEquals("GITHUB_NO_LICENSE", decide(null));
    assertEquals("GITHUB_NO_LICENSE", decide(""));
  }

  @Test
  void aListIsKeptOnlyWhenEveryLicenceIsAllowed() {
    assertEquals("keep", decide(List.of("MIT", "Apache-2.0")));
    assertEquals("GITHUB_LICENSE_NOT_ALLOWED", decide(List.of("MIT", "GPL-2.0")));
    assertEquals("GITHUB_NO_LICENSE", decide(List.of()));
  }

  @Test
  void theListIsConfigurable() {
    assertEquals("keep", reason(apply("github_license", Map.of("allowed", List.of("isc", "mit")),
        file("a.c", "ISC", "x"))));
    assertEquals("GITHUB_LICENSE_NOT_ALLOWED", reason(apply("github_license", Map.of("allowed", List.of("isc")),
        file("a.c", "Apache-2.0", "x"))));
  }
}
