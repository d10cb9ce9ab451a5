package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.beam.Item;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.filters.FilterChain;
import dev.llamakit.pipelines.io.CcNetJson;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.recipes.CompiledRecipe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A compiled recipe run in a plain single-threaded Java loop: the same reader, the same {@link FilterChain}s and the
 * same line-dedup logic the Beam steps wrap, documents held in memory between stages. The baseline that shows what
 * the runner costs, and a second implementation of the recipe's wiring that can never disagree on a decision.
 */
public final class PlainLoop {
  private PlainLoop() {}

  /** What the loop did. */
  public record Result(long read, long written, long dropped, double seconds) {}

  public static Result run(CompiledRecipe recipe, Path outDir) throws IOException {
    long t0 = System.nanoTime();
    List<Document> docs = new ArrayList<>();
    long[] counts = new long[3]; // read, written, dropped
    RecordSink sink = new RecordSink() {
      @Override
      public void document(Document d) {
        counts[0]++;
        docs.add(d);
      }

      @Override
      public void drop(Drop d) {
        counts[0]++;
        counts[2]++;
      }
    };
    for (InputFile f : recipe.inputs()) {
      ReadCorpus.readFile(f, recipe.read(), sink);
    }
    List<Document> current = docs;
    for (CompiledRecipe.Stage stage : recipe.stages()) {
      List<Document> next = new ArrayList<>(current.size());
      switch (stage) {
        case CompiledRecipe.Filters f -> {
          FilterChain chain = f.chain();
          chain.open();
          try {
            for (Document d : current) {
              FilterChain.Outcome o = chain.apply(d);
              if (o.kept() != null) {
                next.add(o.kept());
              } else {
                counts[2]++;
              }
            }
          } finally {
            chain.close();
          }
        }
        case CompiledRecipe.Corpus c -> {
          for (Item i : c.step().inMemory(current)) {
            if (i.isDrop()) {
              counts[2]++;
            } else {
              next.add(i.document());
            }
          }
        }
      }
      current = next;
    }
    Files.createDirectories(outDir);
    Map<String, BufferedWriter> writers = new HashMap<>();
    try {
      for (Document d : current) {
        BufferedWriter w = writers.computeIfAbsent(recipe.layout().group(d), k -> open(outDir.resolve(k + ".json.gz")));
        w.write(CcNetJson.toJson(d));
        w.write('\n');
        counts[1]++;
      }
    } finally {
      for (BufferedWriter w : writers.values()) {
        w.close();
      }
    }
    return new Result(counts[0], counts[1], counts[2], (System.nanoTime() - t0) / 1e9);
  }

  private static BufferedWriter open(Path p) {
    try {
      return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16),
          StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
