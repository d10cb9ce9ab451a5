package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.decontam.BenchmarkSource;
import dev.llamakit.pipelines.decontam.ContaminationReport;
import dev.llamakit.pipelines.decontam.NgramIndex;
import dev.llamakit.pipelines.decontam.NgramRule;
import dev.llamakit.pipelines.decontam.SharedIndexes;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.InputResolver;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llamakit pipeline contamination}: Llama 2's contamination analysis of benchmarks against a corpus — per
 * benchmark item, the fraction of its words covered by matches of at least {@code --min-match} words found in the
 * corpus, and its subsets (clean &lt; 20%, not clean &gt;= 20%, not dirty &lt; 80%, dirty &gt;= 80%), written as JSONL
 * for {@code llamakit eval run --contamination FILE --subset ...}, with a summary table on stdout.
 */
@Command(name = "contamination", mixinStandardHelpOptions = true,
    description = "Per benchmark item, the fraction of its words covered by long n-gram matches in a corpus (Llama "
        + "2's contamination analysis) and its subsets clean / not-clean / not-dirty / dirty, written as JSONL.",
    footer = {"", "Examples:",
      "  llamakit pipeline contamination --data ../shared/data/benchmarks crawl/ -o contamination.jsonl",
      "  llamakit pipeline contamination --benchmarks gsm8k --benchmark mine=q.jsonl --field question corpus.jsonl.gz",
      "  llamakit eval run --tasks gsm8k_cot --model m.gguf --contamination contamination.jsonl --subset clean"})
public final class ContaminationCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CORPUS", description = "Corpus files, folders or globs (WET or JSONL, "
      + "as pipeline run reads them).")
  List<String> corpus;

  @Option(names = "--benchmarks", split = ",", paramLabel = "NAME",
      description = "Built-in benchmarks under --data (default: all of mmlu, gsm8k, humaneval, arc_easy, "
          + "arc_challenge unless --benchmark is given).")
  List<String> builtins;

  @Option(names = "--benchmark", paramLabel = "NAME=FILE", description = "A JSONL benchmark of your own (or a "
      + "built-in one at another path); repeatable.")
  List<String> files = new ArrayList<>();

  @Option(names = "--field", defaultValue = "question", description = "Text field of --benchmark JSONL files "
      + "(default: ${DEFAULT-VALUE}).")
  String field;

  @Option(names = "--id-field", defaultValue = "id", description = "Id field of --benchmark JSONL files; rows "
      + "without it are numbered from 0 (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(names = "--data", paramLabel = "DIR", description = "Benchmark data folder (default: $LLAMAKIT_DATA).")
  String data;

  @Option(names = "--rule", defaultValue = "janitor", description = "Word normalisation: janitor (lm-eval) or "
      + "datatrove (default: ${DEFAULT-VALUE}).")
  String rule;

  @Option(names = "--min-match", defaultValue = "13", paramLabel = "WORDS", description = "Shortest match that "
      + "counts, in words (default: ${DEFAULT-VALUE}).")
  int minMatch;

  @Option(names = "--text-field", defaultValue = "text", description = "Text field of JSONL corpus files "
      + "(default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--threads", paramLabel = "N", description = "Corpus files read in parallel (default: cores).")
  Integer threads;

  @Option(names = {"-o", "--output"}, defaultValue = "contamination.jsonl", paramLabel = "FILE",
      description = "The JSONL to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (minMatch < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--min-match must be at least 1");
    }
    NgramRule r;
    try {
      r = NgramRule.of(rule);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    Path dataDir = BenchmarkSource.dataDir(data);
    List<String> specs = new ArrayList<>(builtins != null ? builtins
        : files.isEmpty() ? BenchmarkSource.builtins() : List.of());
    specs.addAll(files);
    List<BenchmarkSource> sources = new ArrayList<>();
    for (String s : specs) {
      sources.add(BenchmarkSource.parse(s, dataDir, field, idField));
    }
    long t0 = System.nanoTime();
    NgramIndex index = NgramIndex.build(SharedIndexes.read(sources), r, minMatch, 0);
    System.err.printf(Locale.ROOT, "indexed %,d items (%,d distinct %d-grams) in %.1f s%n", index.items().size(),
        index.terms(), minMatch, (System.nanoTime() - t0) / 1e9);

    List<InputFile> inputs = new InputResolver(null).resolve(corpus, null, null);
    ReadOptions read = new ReadOptions(true, textField, "id", "url", BadRecordPolicy.SKIP);
    ContaminationReport report = new ContaminationReport(index);
    AtomicLong bad = new AtomicLong();
    int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
    long t1 = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
      List<Future<?>> jobs = new ArrayList<>();
      for (InputFile f : inputs) {
        jobs.add(pool.submit(() -> ReadCorpus.readFile(f, read, new RecordSink() {
          @Override
          public void document(Document d) {
            report.scan(d.rawContent());
          }

          @Override
          public void drop(Drop d) {
            bad.incrementAndGet();
          }
        })));
      }
      for (Future<?> j : jobs) {
        try {
          j.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw e;
        }
      }
    }
    double secs = (System.nanoTime() - t1) / 1e9;
    List<ContaminationReport.ItemCoverage> items = report.coverage();
    ContaminationReport.writeJsonl(items, output);
    System.err.printf(Locale.ROOT, "scanned %,d documents (%,d unreadable records skipped) in %.1f s%n",
        report.documents(), bad.get(), secs);
    System.out.print(ContaminationReport.summary(items));
    System.out.println("per item: " + output.toAbsolutePath());
    return 0;
  }
}
