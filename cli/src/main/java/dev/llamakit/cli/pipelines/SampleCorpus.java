package dev.llamakit.cli.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the bundled sample corpus ({@code samples/ccnet} in the llamakit checkout): beside the launcher
 * ({@code -Dllamakit.root}), else under the current folder.
 */
final class SampleCorpus {
  private SampleCorpus() {}

  static Path folder() {
    String root = System.getProperty("llamakit.root");
    for (Path p : new Path[] {root == null ? null : Path.of(root, "samples", "ccnet"), Path.of("samples", "ccnet")}) {
      if (p != null && Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("the sample corpus (samples/ccnet) was not found: run llamakit from its checkout "
        + "(./llamakit), or write one with: llamakit pipeline sample --output samples/ccnet");
  }
}
