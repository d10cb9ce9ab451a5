package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.io.WetReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Single-thread throughput of the heuristic rules (C4, Gopher, FineWeb) on real WET documents: every rule runs on
 * the same in-memory documents, warm-up passes first, then timed passes; the result is documents per second.
 *
 * <pre>{@code
 * java -cp ... dev.llamakit.pipelines.bench.RuleBenchmark samples/ccnet   # WET files or folders of them
 * }</pre>
 */
public final class RuleBenchmark {
  /** The rules measured, by step name. */
  public static final List<String> RULES =
      List.of("c4_lines", "c4_badwords", "gopher_quality", "gopher_repetition", "fineweb_quality");

  private RuleBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<Path> inputs = new ArrayList<>();
    for (String a : args.length == 0 ? new String[] {"samples/ccnet"} : args) {
      inputs.add(Path.of(a));
    }
    List<Document> docs = read(inputs);
    long chars = docs.stream().mapToLong(d -> d.rawContent().length()).sum();
    System.out.printf("%d documents, mean %d characters%n", docs.size(), docs.isEmpty() ? 0 : chars / docs.size());
    run(docs, 3, 5).forEach((rule, rate) -> System.out.printf("%-18s %,10.0f docs/s%n", rule, rate));
  }

  /** Documents per second of each rule in {@link #RULES} over {@code docs}, after {@code warmups} passes. */
  public static Map<String, Double> run(List<Document> docs, int warmups, int passes) {
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("no documents to measure");
    }
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String name : RULES) {
      DocumentFilter rule = FilterRegistry.standard().create(name, Map.of());
      try {
        rule.open();
      } catch (IOException e) {
        throw new IllegalStateException(name + ": " + e.getMessage(), e);
      }
      long sink = 0;
      for (int i = 0; i < warmups; i++) {
        sink += pass(rule, docs);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < passes; i++) {
        sink += pass(rule, docs);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      rule.close();
      rates.put(name, docs.size() * (double) passes / seconds);
      if (sink == 42) {
        System.out.print(""); // keeps the results alive
      }
    }
    return rates;
  }

  private static long pass(DocumentFilter rule, List<Document> docs) {
    long kept = 0;
    for (Document d : docs) {
      if (rule.apply(d).kept()) {
        kept++;
      }
    }
    return kept;
  }

  /** Every document of the WET files (or folders of {@code *.wet.gz} files). */
  public static List<Document> read(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".wet.gz")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    List<Document> docs = new ArrayList<>();
    RecordSink sink = new RecordSink() {
      @Override
      public void document(Document d) {
        docs.add(d);
      }

      @Override
      public void drop(Drop d) {}
    };
    WetReader reader = new WetReader(ReadOptions.defaults());
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      try (InputStream in = Files.newInputStream(files.get(i))) {
        reader.read(in, name, name, i, sink);
      }
    }
    return docs;
  }
}
