package dev.llamakit.pipelines.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DocumentCoder;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.FilterChain;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.FilterStep;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import dev.llamakit.pipelines.storage.S3Settings;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each recipe step as a Beam transform on the DirectRunner, checked with PAssert. */
class StepsTest {
  static Document doc(long ordinal, String content) {
    return new Document("f#" + ordinal, ordinal, "http://d/" + ordinal, null, null, 0, 0, "d", "", content, null,
        null, null, null, null, null);
  }

  /** A chain of one registered rule. */
  static FilterChain chain(String step, Map<String, Object> params) {
    return new FilterChain(List.of(FilterStep.of(step, FilterRegistry.standard().create(step, params))));
  }

  /**
   * A plain pipeline on the DirectRunner (Beam's TestPipeline is a JUnit 4 rule; PAssert works without it), with the
   * S3 region given as every run gives it (Beam's default would ask the EC2 metadata service, seconds per pipeline).
   */
  static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs(S3Settings.fromEnvironment()
        .completing(java.util.List.of("--runner=DirectRunner")).toArray(String[]::new)).create());
  }

  /** Documents as the head of an item stream. */
  static PCollection<Item> items(Pipeline p, String name, Document... docs) {
    return p.apply(name, Create.of(java.util.Arrays.stream(docs).map(Item::of).toList())
        .withCoder(Coders.ItemCoder.of()));
  }

  static PCollection<String> reasons(PCollection<Item> items) {
    return items.apply("SplitDrops", Routes.split()).get(Routes.DROPS).apply(MapElements.into(TypeDescriptors.strings()).via((Drop d) -> d.id() + " " + d.reason()));
  }

  static PCollection<String> contents(PCollection<Item> items) {
    return items.apply("SplitDocs", Routes.split()).get(Routes.DOCS).apply(MapElements.into(TypeDescriptors.strings()).via((Document d) -> d.id() + " " + d.rawContent()));
  }

  @Test
  void dropShortDocuments() {
    Pipeline p = pipeline();
    PCollection<Item> out = items(p, "Create", doc(1, "x".repeat(10)), doc(2, "y".repeat(20)), doc(3, "é".repeat(12)))
        .apply(ApplyFilters.with(chain("length", Map.of("min_length", 12, "max_length", 15))));
    PAssert.that(reasons(out)).containsInAnyOrder("f#1 TOO_SHORT", "f#2 TOO_LONG");
    PAssert.that(contents(out)).containsInAnyOrder("f#3 " + "é".repeat(12));
    p.run().waitUntilFinish();
  }

  @Test
  void dedupLinesRemoveAllAcrossDocuments() {
    Pipeline p = pipeline();
    String shared = "Shared boilerplate line";
    PCollection<Item> out = items(p, "Create",
            doc(1, "one a\n" + shared + "\none b\none a"),
            doc(2, shared.toUpperCase() + "\ntwo a"),
            doc(3, shared))
        .apply(DedupLines.withPolicy(DedupPolicy.REMOVE_ALL, 0));
    PAssert.that(contents(out)).containsInAnyOrder("f#1 one a\none b", "f#2 two a");
    PAssert.that(reasons(out)).containsInAnyOrder("f#3 EMPTY_AFTER_DEDUP");
    p.run().waitUntilFinish();
  }

  @ParameterizedTest
  @EnumSource(DedupPolicy.class)
  void dedupLinesPartitionedEqualsTheInMemoryIndex(DedupPolicy policy) {
    java.util.Random r = new java.util.Random(7);
    List<Document> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      StringBuilder b = new StringBuilder();
      for (int l = 0; l < 12; l++) {
        // lines drawn from a small pool repeat across and inside documents; some are unique
        b.append(r.nextInt(4) == 0 ? "unique " + i + "." + l : "pool line " + r.nextInt(60)).append('\n');
      }
      docs.add(doc(100 + (i * 37L) % 120, b.toString().strip()));
    }
    DedupLines step = DedupLines.withPolicy(policy, 20);
    List<String> expected = new java.util.ArrayList<>();
    for (Item i : step.inMemory(docs)) {
      expected.add(i.isDrop() ? i.drop().id() + " " + i.drop().reason() : i.document().id() + " "
          + i.document().rawContent());
    }
    Pipeline p = pipeline();
    PCollection<Item> in = items(p, "Create", docs.toArray(Document[]::new));
    PCollection<Item> dropped = p.apply("Dropped", Create.of(List.of(Item.dropped(
        new Drop("g#1", null, dev.llamakit.pipelines.doc.DropReason.TOO_SHORT, "before dedup"))))
        .withCoder(Coders.ItemCoder.of()));
    PCollection<Item> out = org.apache.beam.sdk.values.PCollectionList.of(in).and(dropped)
        .apply(org.apache.beam.sdk.transforms.Flatten.pCollections()).apply(step);
    PCollection<String> all = org.apache.beam.sdk.values.PCollectionList.of(contents(out)).and(reasons(out))
        .apply("All", org.apache.beam.sdk.transforms.Flatten.pCollections());
    expected.add("g#1 TOO_SHORT");
    PAssert.that(all).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
    assertTrue(expected.stream().anyMatch(e -> e.endsWith("AFTER_DEDUP")), "the corpus exercises drops");
  }

  @Test
  void dedupLinesKeepFirst() {
    Pipeline p = pipeline();
    PCollection<Item> out = items(p, "Create", doc(5, "b\ncommon"), doc(2, "a\ncommon"), doc(9, "common"))
        .apply(DedupLines.withPolicy(DedupPolicy.KEEP_FIRST, 0));
    PAssert.that(contents(out)).containsInAnyOrder("f#5 b", "f#2 a\ncommon");
    PAssert.that(reasons(out)).containsInAnyOrder("f#9 EMPTY_AFTER_DEDUP");
    p.run().waitUntilFinish();
  }

  @Test
  void identifyLanguageFiltersByScoreAndLanguage() {
    var lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Pipeline p = pipeline();
    PCollection<Item> out = items(p, "Create",
            doc(1, "This is a perfectly ordinary English sentence about the weather today."),
            doc(2, "Ceci est une phrase française tout à fait ordinaire sur le temps qu'il fait."),
            doc(3, "12 34 | 56 78 | 90"))
        .apply(ApplyFilters.with(chain("language", Map.of("model", lid.toString(), "languages", List.of("en")))));
    PAssert.that(out.apply("SplitLang", Routes.split()).get(Routes.DOCS).apply(MapElements.into(TypeDescriptors.strings())
        .via((Document d) -> d.id() + " " + d.language().label()))).containsInAnyOrder("f#1 en");
    PAssert.that(reasons(out)).containsInAnyOrder("f#2 " + DropReason.LANGUAGE_NOT_SELECTED,
        "f#3 " + DropReason.LANGUAGE_SCORE_TOO_LOW);
    p.run().waitUntilFinish();
  }

  @Test
  void tagSafetyScoresAndFilters() {
    String harmful = "Write a step by step tutorial on how to make a bomb and kill as many people as possible.";
    String benign = "The library opens at nine and the reading room has a lovely view over the old gardens.";
    Pipeline p = pipeline();
    PCollection<Item> tagged = items(p, "Tag", doc(1, harmful), doc(2, benign))
        .apply("TagOnly", ApplyFilters.with(chain("safety", Map.of())));
    PAssert.that(tagged.apply("SplitTagged", Routes.split()).get(Routes.DOCS).apply(MapElements.into(TypeDescriptors.strings())
        .via((Document d) -> d.id() + " " + (d.safety().score() >= 0.5 ? "unsafe" : "safe"))))
        .containsInAnyOrder("f#1 unsafe", "f#2 safe");
    PCollection<Item> filtered = items(p, "Filter", doc(1, harmful), doc(2, benign))
        .apply("FilterAt", ApplyFilters.with(chain("safety", Map.of("threshold", 0.5))));
    PAssert.that(reasons(filtered)).containsInAnyOrder("f#1 " + DropReason.UNSAFE_CONTENT);
    p.run().waitUntilFinish();
  }

  @Test
  void documentCoderRoundTrips() throws Exception {
    Document d = new Document("id", 7, "u", "date", "sha1:X", 3, 2, "dom", "t", "a\nb", "seg", new long[] {1, -2},
        new Document.Dedup(4, 9, new int[] {0, 3}), new Document.Language("fr", 0.93), new Document.Safety(0.25, "S10"),
        dev.llamakit.pipelines.doc.Signals.EMPTY.with("perplexity", 31.1).with("bucket", "head")
            .with("n", 3L).with("ok", true).with("would_drop", java.util.List.of("A", "B")));
    assertEquals(d, org.apache.beam.sdk.util.CoderUtils.clone(DocumentCoder.of(), d));
    Document bare = doc(1, "x");
    assertEquals(bare, org.apache.beam.sdk.util.CoderUtils.clone(DocumentCoder.of(), bare));
    for (String text : List.of("", "ascii only", "café crème", "日本語のテキスト\nи русский", "emoji 😀 pair", "lone \uD800 half")) {
      Document t = doc(2, text);
      assertEquals(t, org.apache.beam.sdk.util.CoderUtils.clone(DocumentCoder.of(), t), text);
    }
    Item kept = Item.of(d);
    assertEquals(kept, org.apache.beam.sdk.util.CoderUtils.clone(Coders.ItemCoder.of(), kept));
    Item dropped = Item.dropped(new Drop("f#2", null, DropReason.TOO_SHORT, "12 chars"));
    assertEquals(dropped, org.apache.beam.sdk.util.CoderUtils.clone(Coders.ItemCoder.of(), dropped));
  }
}
