package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.io.CcNetJson;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the kept documents as cc_net JSON lines into gzip shards, one folder per output group of the
 * {@link OutputLayout}: {@code <dir>/<group>/part-SSSSS-of-NNNNN.json.gz} (FileIO adds the {@code .gz}), e.g.
 * {@code en/} or cc_net's {@code en_head/}. Beam's FileIO writes each shard under a temporary name and renames it
 * when the bundle is committed, so a shard is never seen half-written.
 *
 * <p>{@link #PER_WRITER} shards (the default) cost no shuffle: each worker writes its own documents into one file
 * per group it holds (on Flink a bundle is a worker's whole partition, so one file per group per worker; past 20
 * groups open in one bundle, Beam's limit, the further groups' documents take its spill path, a shuffle). A fixed
 * number of shards makes Beam group every document by shard number first — a sort of the whole output in which all
 * documents of a shard share one key, which Beam's Flink runner compares by re-reading the records (a third of the
 * llama-cc recipe's run time on one core, before this choice).
 *
 * <p>Metrics, all from the written documents' fields: {@code written}; per group; per language the count, the
 * language-score distribution, per-bucket counts and the perplexity distribution; the safety-score histogram.
 */
public final class WriteShards extends PTransform<PCollection<Document>, PDone> {
  private final String dir;
  private final int shards;
  private final OutputLayout layout;

  private WriteShards(String dir, int shards, OutputLayout layout) {
    this.dir = dir;
    this.shards = shards;
    this.layout = layout;
  }

  /** Shards per folder: as many as the workers that hold the folder's documents, written without a shuffle. */
  public static final int PER_WRITER = 0;

  /**
   * @param shards shards per output folder: {@link #PER_WRITER}, or a fixed number. Use a fixed number on Spark:
   *     with per-writer shards Beam's Spark runner gave two bundles the same shard name and one overwrote the other
   *     (documents lost); and on a Flink cluster, whose TaskManagers' network buffers the per-writer path's extra
   *     shuffle channels can exhaust ({@code RecipeJob} picks the parallelism on both).
   */
  public static WriteShards to(String dir, int shards, OutputLayout layout) {
    if (shards < 0) {
      throw new IllegalArgumentException("shards per output folder must be 0 (one per writer) or more, got " + shards);
    }
    return new WriteShards(dir, shards, layout);
  }

  @Override
  public PDone expand(PCollection<Document> docs) {
    OutputLayout l = layout;
    FileIO.Write<String, Document> write = FileIO.<String, Document>writeDynamic()
        .by(l::group)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(Contextful.fn(CcNetJson::toJson), TextIO.sink())
        .to(dir)
        .withNaming(group -> FileIO.Write.defaultNaming(group + "/part", ".json"))
        .withCompression(Compression.GZIP);
    if (shards != PER_WRITER) {
      write = write.withNumShards(shards);
    }
    docs.apply("CountKept", ParDo.of(new TallyFn(layout))).apply("WriteJsonGz", write);
    return PDone.in(docs.getPipeline());
  }

  /** Counts what is written. */
  static final class TallyFn extends DoFn<Document, Document> {
    private final OutputLayout layout;

    TallyFn(OutputLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element Document d, OutputReceiver<Document> out) {
      String ns = MetricNames.NAMESPACE;
      String lang = OutputLayout.language(d);
      Metrics.counter(ns, MetricNames.WRITTEN).inc();
      Metrics.counter(ns, MetricNames.group(layout.group(d))).inc();
      Metrics.counter(ns, MetricNames.languageDocuments(lang)).inc();
      if (d.language() != null) {
        Metrics.distribution(ns, MetricNames.languageScore(lang)).update(Math.round(d.language().score() * 100));
      }
      String bucket = d.signals().string(OutputLayout.BUCKET_SIGNAL);
      if (bucket != null) {
        Metrics.counter(ns, MetricNames.bucketDocuments(lang, bucket)).inc();
      }
      double ppl = d.signals().number("perplexity");
      if (!Double.isNaN(ppl)) {
        Metrics.distribution(ns, MetricNames.perplexity(lang)).update(Math.round(ppl * 10));
      }
      if (d.safety() != null) {
        double score = d.safety().score();
        Metrics.counter(ns, MetricNames.SAFETY_TAGGED).inc();
        Metrics.distribution(ns, MetricNames.SAFETY_SCORE_X1000).update(Math.round(score * 1000));
        Metrics.counter(ns, MetricNames.safetyBin(Math.min(9, (int) Math.floor(score * 10)))).inc();
      }
      out.output(d);
    }
  }
}
