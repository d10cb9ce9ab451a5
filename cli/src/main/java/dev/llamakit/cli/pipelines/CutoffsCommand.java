package dev.llamakit.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.pipelines.filters.perplexity.Cutoffs;
import dev.llamakit.pipelines.filters.perplexity.PerplexityFilter;
import dev.llamakit.pipelines.io.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llamakit pipeline cutoffs}: per-language perplexity percentiles (cc_net's cutoff.csv layout) from the
 * shards of a run that had a {@code perplexity} step, for a {@code bucket} step that uses your own models.
 */
@Command(name = "cutoffs", mixinStandardHelpOptions = true,
    description = {"Compute per-language perplexity percentiles 0..100 (cc_net's cutoff.csv layout) from the",
      "shards of a run with a perplexity step (e.g. a signals run on a reference sample); use the file as the bucket",
      "step's cutoffs."},
    footer = {"", "Example:",
      "  llamakit pipeline run ccnet-perplexity ref/ -o ref-out --set perplexity.models=lm_sp",
      "  llamakit pipeline cutoffs ref-out --output my-cutoff.csv"})
public final class CutoffsCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "SHARDS", description = "Output folders or .json(.gz) shard files.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The cutoff.csv to write.")
  Path output;

  @Option(names = "--min-documents", defaultValue = "100",
      description = "Leave out languages with fewer scored documents (default: ${DEFAULT-VALUE}).")
  int minDocuments;

  @Override
  public Integer call() throws Exception {
    Map<String, List<Double>> byLang = new TreeMap<>();
    long files = 0;
    for (Path in : inputs) {
      for (Path f : shards(in)) {
        files++;
        read(f, byLang);
      }
    }
    Map<String, List<Double>> kept = new TreeMap<>();
    byLang.forEach((lang, v) -> {
      if (v.size() >= minDocuments) {
        kept.put(lang, v);
      } else {
        System.err.printf("left out %s: %d scored documents < %d%n", lang, v.size(), minDocuments);
      }
    });
    if (kept.isEmpty()) {
      throw new IllegalStateException("no language has " + minDocuments + " documents with a perplexity in " + files
          + " shard file(s); was there a perplexity step?");
    }
    Cutoffs c = Cutoffs.compute(kept);
    AtomicFile.writeString(output, c.toCsv());
    kept.forEach((lang, v) -> System.out.printf("%-6s %,9d documents  p30 %.1f  p60 %.1f%n", lang, v.size(),
        c.at(lang, 30), c.at(lang, 60)));
    System.out.println("cutoffs: " + output.toAbsolutePath());
    return 0;
  }

  private static List<Path> shards(Path in) throws IOException {
    if (Files.isRegularFile(in)) {
      return List.of(in);
    }
    if (!Files.isDirectory(in)) {
      throw new NoSuchFileException(in.toString(), null, "not a shard file or output folder");
    }
    try (Stream<Path> s = Files.walk(in)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(".json.gz") || n.endsWith(".json") || n.endsWith(".jsonl"))
            && !p.toString().contains("_dropped");
      }).sorted().toList();
    }
  }

  private static void read(Path f, Map<String, List<Double>> byLang) throws IOException {
    TextFiles.forEachJson(f, (d, n) -> {
      JsonNode pp = d.get(PerplexityFilter.FIELD);
      JsonNode lang = d.get("language");
      if (pp != null && pp.isNumber() && lang != null && lang.isTextual()) {
        byLang.computeIfAbsent(lang.asText(), k -> new ArrayList<>()).add(pp.asDouble());
      }
    });
  }
}
