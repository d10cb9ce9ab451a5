package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.filters.FilterStep;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.recipes.CompiledRecipe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread documents per second of every rule of a compiled recipe, each measured on the documents that reach
 * it in the recipe (every earlier rule applied as if signals-only, so later rules see the fields earlier ones add —
 * the perplexity step its language, the bucket step its perplexity), after warm-up passes. Line dedup is a global
 * shuffle and is not measured here ({@code llamakit bench pipeline} measures whole recipes).
 */
public final class StepBenchmark {
  private StepBenchmark() {}

  /** One rule's figure. */
  public record StepRate(String step, int documents, double docsPerSecond, double meanChars) {}

  public static List<StepRate> run(CompiledRecipe recipe, int warmups, int passes) throws IOException {
    List<Document> docs = read(recipe);
    List<StepRate> rates = new ArrayList<>();
    for (CompiledRecipe.Stage stage : recipe.stages()) {
      if (!(stage instanceof CompiledRecipe.Filters f)) {
        continue;
      }
      for (FilterStep s : f.chain().steps()) {
        s.filter().open();
        try {
          for (int i = 0; i < warmups; i++) {
            pass(s, docs);
          }
          long t0 = System.nanoTime();
          for (int i = 0; i < passes; i++) {
            pass(s, docs);
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          double chars = docs.stream().mapToLong(d -> d.rawContent().length()).average().orElse(0);
          rates.add(new StepRate(s.name(), docs.size(), docs.size() * (double) passes / seconds, chars));
          docs = next(s, docs);
        } finally {
          s.filter().close();
        }
      }
    }
    return rates;
  }

  private static long pass(FilterStep s, List<Document> docs) {
    long kept = 0;
    for (Document d : docs) {
      if (s.filter().apply(d).kept()) {
        kept++;
      }
    }
    return kept;
  }

  /** The documents as the rule leaves them, none dropped. */
  private static List<Document> next(FilterStep s, List<Document> docs) {
    List<Document> out = new ArrayList<>(docs.size());
    for (Document d : docs) {
      Verdict v = s.filter().apply(d);
      out.add(v.changed() != null ? v.changed() : d);
    }
    return out;
  }

  private static List<Document> read(CompiledRecipe recipe) {
    List<Document> docs = new ArrayList<>();
    RecordSink sink = new RecordSink() {
      @Override
      public void document(Document d) {
        docs.add(d);
      }

      @Override
      public void drop(Drop d) {}
    };
    for (InputFile f : recipe.inputs()) {
      ReadCorpus.readFile(f, recipe.read(), sink);
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("no documents in the benchmark's inputs");
    }
    return docs;
  }
}
