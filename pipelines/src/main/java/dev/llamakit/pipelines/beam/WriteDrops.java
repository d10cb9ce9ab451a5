package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.CcNetJson;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The exclusion file: one JSON line per dropped record ({@code id, url, reason, detail}) in
 * {@code <dir>/drops-*.jsonl.gz}, so every record read can be traced to a shard or a reason. Sharded as
 * {@link WriteShards}: one file per worker without a shuffle ({@link WriteShards#PER_WRITER}), or one file.
 */
public final class WriteDrops extends PTransform<PCollection<Drop>, PDone> {
  private final String dir;
  private final int shards;

  private WriteDrops(String dir, int shards) {
    this.dir = dir;
    this.shards = shards;
  }

  /** @param shards {@link WriteShards#PER_WRITER} or a fixed number of files */
  public static WriteDrops to(String dir, int shards) {
    return new WriteDrops(dir, shards);
  }

  @Override
  public PDone expand(PCollection<Drop> drops) {
    FileIO.Write<Void, String> write = FileIO.<String>write().via(TextIO.sink()).to(dir).withPrefix("drops")
        .withSuffix(".jsonl").withCompression(Compression.GZIP);
    if (shards != WriteShards.PER_WRITER) {
      write = write.withNumShards(shards);
    }
    drops.apply("DropsToJson", MapElements.into(TypeDescriptors.strings()).via(CcNetJson::toJson))
        .apply("WriteDropsJsonGz", write);
    return PDone.in(drops.getPipeline());
  }
}
