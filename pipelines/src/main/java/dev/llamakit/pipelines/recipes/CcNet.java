package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.DedupLines;
import dev.llamakit.pipelines.beam.DropShortDocuments;
import dev.llamakit.pipelines.beam.IdentifyLanguage;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.beam.Routes;
import dev.llamakit.pipelines.beam.TagSafety;
import dev.llamakit.pipelines.beam.WriteDrops;
import dev.llamakit.pipelines.beam.WriteShards;
import dev.llamakit.pipelines.doc.Drop;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * The CCNet recipe (the cleaning behind LLaMA's CommonCrawl data) as one Beam composite: read WET/JSONL, drop short
 * documents, global line dedup, fastText language ID, optional safety tagging, per-language JSONL.gz shards, and an
 * exclusion file for every record dropped.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create(options);
 * p.apply("CcNet", CcNet.of(config, outputDir));
 * p.run().waitUntilFinish();
 * }</pre>
 */
public final class CcNet extends PTransform<PBegin, PDone> {
  private final CcNetConfig config;
  private final String outputDir;

  private CcNet(CcNetConfig config, String outputDir) {
    this.config = config;
    this.outputDir = outputDir;
  }

  public static CcNet of(CcNetConfig config, String outputDir) {
    return new CcNet(config, outputDir);
  }

  @Override
  public PDone expand(PBegin begin) {
    PCollectionTuple read = begin.apply("ReadCorpus", ReadCorpus.from(config.inputs(), config.read()));
    PCollectionTuple sized = read.get(Routes.DOCS)
        .apply("DropShortDocuments", DropShortDocuments.within(config.minLength(), config.maxLength()));
    PCollectionTuple deduped = sized.get(Routes.DOCS)
        .apply("DedupLines", DedupLines.withPolicy(config.dedup(), config.minLength()));
    PCollectionTuple identified = deduped.get(Routes.DOCS)
        .apply("IdentifyLanguage", IdentifyLanguage.with(config.lidModel(), config.lidThreshold(), config.languages()));
    PCollectionTuple kept = identified;
    if (config.safetyTag()) {
      kept = identified.get(Routes.DOCS).apply("TagSafety", Double.isNaN(config.safetyFilter())
          ? TagSafety.tagOnly() : TagSafety.filteringAt(config.safetyFilter()));
    }
    kept.get(Routes.DOCS)
        .apply("WriteShards", WriteShards.to(outputDir, config.shardsPerLanguage()));
    PCollectionList<Drop> drops = PCollectionList.of(read.get(Routes.DROPS)).and(sized.get(Routes.DROPS))
        .and(deduped.get(Routes.DROPS)).and(identified.get(Routes.DROPS));
    if (kept != identified) {
      drops = drops.and(kept.get(Routes.DROPS));
    }
    drops
        .apply("CollectDrops", Flatten.<Drop>pCollections())
        .apply("WriteDrops", WriteDrops.to(outputDir + "/_dropped"));
    return PDone.in(begin.getPipeline());
  }

}
