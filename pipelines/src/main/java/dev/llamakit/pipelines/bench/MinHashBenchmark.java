package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.beam.MinHashDedup;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.minhash.Decision;
import dev.llamakit.pipelines.minhash.Member;
import dev.llamakit.pipelines.minhash.NearDedup;
import dev.llamakit.pipelines.recipes.Runner;
import dev.llamakit.pipelines.sample.LanguagePool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import dev.llamakit.pipelines.storage.S3Settings;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The MinHash step's two costs measured apart: signature generation on one thread (documents/s and MB/s on generated
 * multilingual pages of a given size), and clustering — the Beam part from LSH band keys to every clustered
 * document's decision ({@link MinHashDedup#decisions}) — on a runner, for a corpus of N documents whose band keys
 * are generated with planted near-duplicates, timed with the peak heap of the JVM (on the embedded Flink runner that
 * JVM holds all workers).
 *
 * <p>Generated band keys: document {@code i} is, with probability {@code dupFraction}, a near-duplicate of an
 * earlier document within the last 10,000 (which may itself be one: chains and clusters of several form), sharing
 * with it between 1 and all of its bands (a random run of them); every other band key is its own.
 */
public final class MinHashBenchmark {
  private MinHashBenchmark() {}

  /** Single-thread signature figures. */
  /**
   * Single-thread signature figures: per second of wall time, and per second of the thread's own CPU time (what
   * one core does when it is not shared; on a loaded machine wall time counts other processes' turns too).
   */
  public record SignatureRate(int documents, double meanChars, double docsPerSecond, double mbPerSecond,
      double docsPerCpuSecond, double mbPerCpuSecond) {}

  /** One clustering run. */
  public record ClusterRun(long documents, long candidateEdges, long clusters, long clusteredDocuments,
      long residualEdges, long decisions, double seconds, long peakHeapBytes) {}

  /** Generated pages of about {@code chars} characters (FLORES sentences recombined, all bundled languages). */
  public static List<String> pages(int n, int chars, long seed) {
    List<LanguagePool> pools = LanguagePool.all();
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LanguagePool lang = pools.get(i % pools.size());
      StringBuilder sb = new StringBuilder(chars + 200);
      while (sb.length() < chars) {
        sb.append(r.nextInt(5) == 0 ? lang.sentence(r) : lang.synthesize(r, 8 + r.nextInt(14))).append('\n');
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Fingerprints every page {@code passes} times after one warm-up pass. */
  public static SignatureRate signatures(List<String> pages, NearDedup.Config config, int passes) {
    NearDedup dedup = new NearDedup(config);
    long sink = 0;
    for (String p : pages) {
      sink += dedup.fingerprint(p).bandKeys().length;
    }
    long chars = 0;
    long bytes = 0;
    for (String p : pages) {
      chars += p.length();
      bytes += p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int k = 0; k < passes; k++) {
      for (String p : pages) {
        sink += dedup.fingerprint(p).bandKeys().length;
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    if (sink == 42) {
      System.out.print("");
    }
    double docs = pages.size() * (double) passes;
    double mb = bytes * (double) passes / 1e6;
    return new SignatureRate(pages.size(), chars / (double) pages.size(), docs / s, mb / s, docs / cpu, mb / cpu);
  }

  /** Clusters {@code documents} generated band keys with {@code config} on {@code runner}. */
  public static ClusterRun cluster(long documents, double dupFraction, NearDedup.Config config, Runner runner,
      int parallelism) {
    List<String> args = new ArrayList<>(runner.arguments(parallelism, null));
    PipelineOptions options = PipelineOptionsFactory
        .fromArgs(S3Settings.fromEnvironment().completing(args).toArray(String[]::new)).create();
    options.setJobName("llamakit-bench-minhash-" + documents);
    Pipeline p = Pipeline.create(options);
    int slices = Math.max(parallelism * 8, 16);
    List<Integer> sliceIds = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      sliceIds.add(s);
    }
    PCollection<Integer> ids = p.apply("Slices", Create.of(sliceIds).withCoder(VarIntCoder.of()))
        .apply("Spread", Reshuffle.viaRandomKey());
    Keys keys = new Keys(documents, slices, dupFraction, config.bands(), config.seed());
    PCollection<KV<Long, Long>> bands = ids.apply("BandKeys", ParDo.of(new BandKeysFn(keys)))
        .setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));
    PCollection<KV<Long, Member>> info = ids.apply("Members", ParDo.of(new MembersFn(keys)))
        .setCoder(KvCoder.of(VarLongCoder.of(), dev.llamakit.pipelines.beam.MinHashCoders.MemberCoder.INSTANCE));
    PCollection<KV<Long, Decision>> decisions = MinHashDedup.decisions(config, bands, info, null);
    decisions.apply("Count", ParDo.of(new DoFn<KV<Long, Decision>, Void>() {
      private final org.apache.beam.sdk.metrics.Counter n =
          org.apache.beam.sdk.metrics.Metrics.counter(MetricNames.NAMESPACE, "bench.decisions");

      @ProcessElement
      public void process() {
        n.inc();
      }
    }));
    resetPeaks();
    long t0 = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = peakHeap();
    return new ClusterRun(documents, counter(result, MetricNames.MINHASH_CANDIDATE_EDGES),
        counter(result, MetricNames.MINHASH_CLUSTERS), counter(result, MetricNames.MINHASH_CLUSTERED_DOCUMENTS),
        counter(result, MetricNames.MINHASH_RESIDUAL_EDGES), counter(result, "bench.decisions"), seconds, peak);
  }

  /** The generated band keys of the clustering benchmark. */
  record Keys(long documents, int slices, double dupFraction, int bands, long seed) implements java.io.Serializable {
    long mix(long x) {
      x += seed * 0x9E3779B97F4A7C15L;
      x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
      x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
      return x ^ (x >>> 31);
    }

    /** Band {@code j}'s key of document {@code i}. */
    long key(long i, int j) {
      long h = mix(i);
      if (i > 0 && Long.remainderUnsigned(h, 1_000_000) < dupFraction * 1_000_000) {
        long h2 = mix(h);
        long source = i - 1 - Long.remainderUnsigned(h2, Math.min(i, 10_000));
        int shared = 1 + (int) Long.remainderUnsigned(mix(h2), bands);
        int from = (int) Long.remainderUnsigned(mix(h2 + 1), bands);
        if (Math.floorMod(j - from, bands) < shared) {
          return key(source, j);
        }
      }
      return mix(i * 131 + j + 1) ^ ((long) j << 58);
    }
  }

  static final class BandKeysFn extends DoFn<Integer, KV<Long, Long>> {
    private final Keys keys;

    BandKeysFn(Keys keys) {
      this.keys = keys;
    }

    @ProcessElement
    public void process(@Element Integer slice, OutputReceiver<KV<Long, Long>> out) {
      for (long i = slice; i < keys.documents(); i += keys.slices()) {
        for (int j = 0; j < keys.bands(); j++) {
          out.output(KV.of(keys.key(i, j), i));
        }
      }
    }
  }

  static final class MembersFn extends DoFn<Integer, KV<Long, Member>> {
    private final Keys keys;

    MembersFn(Keys keys) {
      this.keys = keys;
    }

    @ProcessElement
    public void process(@Element Integer slice, OutputReceiver<KV<Long, Member>> out) {
      for (long i = slice; i < keys.documents(); i += keys.slices()) {
        out.output(KV.of(i, new Member(i, "bench.jsonl#" + i, 4000)));
      }
    }
  }

  private static long counter(PipelineResult r, String name) {
    long sum = 0;
    for (MetricResult<Long> c : r.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(MetricNames.NAMESPACE, name)).build()).getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
