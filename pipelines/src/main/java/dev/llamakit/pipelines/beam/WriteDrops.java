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
 * {@code <dir>/drops-*.jsonl.gz}, so every record read can be traced to a shard or a reason.
 */
public final class WriteDrops extends PTransform<PCollection<Drop>, PDone> {
  private final String dir;

  private WriteDrops(String dir) {
    this.dir = dir;
  }

  public static WriteDrops to(String dir) {
    return new WriteDrops(dir);
  }

  @Override
  public PDone expand(PCollection<Drop> drops) {
    drops.apply("DropsToJson", MapElements.into(TypeDescriptors.strings()).via(CcNetJson::toJson))
        .apply("WriteDropsJsonGz", FileIO.<String>write().via(TextIO.sink()).to(dir).withPrefix("drops")
            .withSuffix(".jsonl").withCompression(Compression.GZIP).withNumShards(1));
    return PDone.in(drops.getPipeline());
  }
}
