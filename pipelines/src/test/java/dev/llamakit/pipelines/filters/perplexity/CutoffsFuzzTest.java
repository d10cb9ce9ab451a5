package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: cutoff.csv files fuzzed in the suite, seeded with cc_net's table and the bundled model's. Contract:
 * loaded, or rejected with an IOException ({@link TextFormatException} for bytes that are not text) naming the file
 * and the line; nothing else, no hang.
 */
class CutoffsFuzzTest {
  @Test
  void cutoffsCsv() throws IOException {
    List<byte[]> seeds = List.of(
        Resources.text(Cutoffs.class, "ccnet-cutoff.csv").getBytes(StandardCharsets.UTF_8),
        Resources.text(Cutoffs.class, "wikitext2-en-cutoff.csv").getBytes(StandardCharsets.UTF_8));
    FuzzRun.of("cutoffs", ".csv", seeds)
        .rejectsWith(IOException.class)
        .run(f -> Cutoffs.load(f.toString()))
        .assertContract();
  }
}
