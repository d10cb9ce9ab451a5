package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.beam.MinHashDedup;
import dev.llamakit.pipelines.bench.MinHashBenchmark;
import dev.llamakit.pipelines.minhash.KeepRule;
import dev.llamakit.pipelines.minhash.NearDedup;
import dev.llamakit.pipelines.minhash.SCurve;
import dev.llamakit.pipelines.recipes.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit bench minhash}: MinHash signature throughput, and clustering time and memory by corpus size. */
@Command(name = "minhash", mixinStandardHelpOptions = true,
    description = {"MinHash near-dedup: signatures per second on one thread (generated pages of --chars characters),",
      "then clustering (LSH buckets, candidate edges, large-star/small-star components, decisions) on the runner for",
      "each --documents size, on generated band keys with --dup-fraction planted near-duplicates: wall time and the",
      "JVM's peak heap. The whole minhash step in a recipe: llamakit bench pipeline --recipe fineweb-dedup."})
public final class MinHashBenchCommand implements Callable<Integer> {
  @Option(names = "--documents", split = ",", defaultValue = "100000,1000000",
      description = "Corpus sizes to cluster (default: ${DEFAULT-VALUE}); 0 skips clustering.")
  List<Long> documents = new ArrayList<>();

  @Option(names = "--signature-documents", defaultValue = "5000",
      description = "Pages fingerprinted per pass (default: ${DEFAULT-VALUE}); 0 skips the signature figure.")
  int signatureDocuments;

  @Option(names = "--passes", defaultValue = "3") int passes;

  @Option(names = "--chars", defaultValue = "4000", description = "Characters per generated page.") int chars;

  @Option(names = "--dup-fraction", defaultValue = "0.3") double dupFraction;

  @Option(names = "--runner", defaultValue = "flink") String runner;

  @Option(names = "--parallelism") int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--ngram", defaultValue = "5") int ngram;

  @Option(names = "--bands", defaultValue = "14") int bands;

  @Option(names = "--rows", defaultValue = "8") int rows;

  @Option(names = "--rounds", defaultValue = "8") int rounds;

  @Override
  public Integer call() {
    MinHashDedup.Params defaults = new MinHashDedup.Params();
    NearDedup.Config config = new NearDedup.Config(ngram, bands, rows, defaults.seed, false, defaults.threshold,
        KeepRule.FIRST, rounds);
    System.out.printf("minhash: %d-grams, %d bands x %d rows (threshold %.2f), %d large-star/small-star rounds%n",
        ngram, bands, rows, SCurve.threshold(bands, rows), rounds);
    if (signatureDocuments > 0) {
      List<String> pages = MinHashBenchmark.pages(signatureDocuments, chars, 42);
      MinHashBenchmark.SignatureRate s = MinHashBenchmark.signatures(pages, config, passes);
      System.out.printf("signatures (1 thread): %,d pages of %,.0f characters x %d passes: %,.0f documents/s, "
          + "%.2f MB/s of wall time; %,.0f documents/s, %.2f MB/s of the thread's CPU time (target 2,000 documents/s "
          + "per core)%n", s.documents(), s.meanChars(), passes, s.docsPerSecond(), s.mbPerSecond(),
          s.docsPerCpuSecond(), s.mbPerCpuSecond());
    }
    Runner r = Runner.parse(runner);
    for (long n : documents) {
      if (n <= 0) {
        continue;
      }
      MinHashBenchmark.ClusterRun c = MinHashBenchmark.cluster(n, dupFraction, config, r, parallelism);
      System.out.printf("clustering %,d documents (%s, parallelism %d): %.1f s, %,d candidate edges, %,d clusters "
          + "holding %,d documents, %,d residual edges, peak heap %,d MB%n", c.documents(), runner, parallelism,
          c.seconds(), c.candidateEdges(), c.clusters(), c.clusteredDocuments(), c.residualEdges(),
          c.peakHeapBytes() >> 20);
    }
    return 0;
  }
}
