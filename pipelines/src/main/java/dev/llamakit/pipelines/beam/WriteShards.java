package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
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
 * Step 6: writes the kept documents as cc_net JSON lines into gzip shards, one folder per language:
 * {@code <dir>/<lang>/part-SSSSS-of-NNNNN.json.gz} (FileIO adds the {@code .gz}). Beam's FileIO writes each shard under a temporary name and renames
 * it when the bundle is committed, so a shard is never seen half-written.
 *
 * <p>Metrics: {@code written}, and per language {@code lang.<code>.documents} and the distribution
 * {@code lang.<code>.score_x100}.
 */
public final class WriteShards extends PTransform<PCollection<Document>, PDone> {
  private final String dir;
  private final int shards;

  private WriteShards(String dir, int shards) {
    this.dir = dir;
    this.shards = shards;
  }

  /**
   * @param shards shards per language, at least 1. Always a fixed number: with runner-chosen sharding Beam's Spark
   *     runner gave two bundles the same shard name and one overwrote the other (documents lost), so llamakit never
   *     asks for it.
   */
  public static WriteShards to(String dir, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards per language must be at least 1, got " + shards);
    }
    return new WriteShards(dir, shards);
  }

  @Override
  public PDone expand(PCollection<Document> docs) {
    FileIO.Write<String, Document> write = FileIO.<String, Document>writeDynamic()
        .by(WriteShards::languageOf)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(Contextful.fn(CcNetJson::toJson), TextIO.sink())
        .to(dir)
        .withNaming(lang -> FileIO.Write.defaultNaming(lang + "/part", ".json"))
        .withCompression(Compression.GZIP)
        .withNumShards(shards);
    docs.apply("CountKept", ParDo.of(new TallyFn())).apply("WriteJsonGz", write);
    return PDone.in(docs.getPipeline());
  }

  static String languageOf(Document d) {
    return d.language() == null ? "und" : d.language().label();
  }

  /** Counts what is written, per language. */
  static final class TallyFn extends DoFn<Document, Document> {
    @ProcessElement
    public void process(@Element Document d, OutputReceiver<Document> out) {
      String lang = languageOf(d);
      Metrics.counter(Routes.NAMESPACE, "written").inc();
      Metrics.counter(Routes.NAMESPACE, "lang." + lang + ".documents").inc();
      if (d.language() != null) {
        Metrics.distribution(Routes.NAMESPACE, "lang." + lang + ".score_x100")
            .update(Math.round(d.language().score() * 100));
      }
      out.output(d);
    }
  }
}
