package dev.llamakit.pipelines.cli;

import dev.llamakit.engine.store.ModelStore;
import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.InputResolver;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.recipes.CcNetConfig;
import dev.llamakit.pipelines.recipes.CcNetJob;
import dev.llamakit.pipelines.recipes.Runner;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llamakit pipeline ccnet}: the CCNet recipe on the embedded Flink runner (or any runner). */
@Command(name = "ccnet", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Clean a web corpus the way LLaMA's CommonCrawl data was cleaned (CCNet): read WET/JSONL, drop short pages,",
      "remove duplicate lines across the whole input, identify the language with fastText lid.176, and write",
      "per-language JSONL.gz shards with cc_net's fields, an exclusion file and report.json."},
    footer = {"", "Examples:",
      "  llamakit pipeline ccnet --sample",
      "  llamakit pipeline ccnet crawl/*.warc.wet.gz --output out/ccnet --languages en,fr",
      "  llamakit pipeline ccnet --paths wet.paths.gz --base /data/cc --output out/ccnet --dedup keep-first",
      "  llamakit pipeline ccnet docs.jsonl.gz --text-field text --output out --runner flink --master host:8081"})
public final class CcNetCommand implements Callable<Integer> {
  @Parameters(paramLabel = "INPUT", arity = "0..*",
      description = "Files, folders or glob patterns (.warc.wet[.gz], .jsonl[.gz], cc_net .json.gz).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--sample", description = "Run on the bundled sample corpus (samples/ccnet) into llamakit-out/ccnet-sample.")
  boolean sample;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (replaced atomically on success).")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output folder (only once the new run succeeded).")
  boolean overwrite;

  @Option(names = "--paths", paramLabel = "FILE", description = "A paths file like Common Crawl's wet.paths.gz.")
  Path pathsFile;

  @Option(names = "--base", paramLabel = "DIR", description = "Folder the --paths entries are relative to.")
  Path base;

  @Option(names = "--format", paramLabel = "auto|wet|jsonl", defaultValue = "auto",
      description = "Input format (default: from each file name).")
  String format;

  @Option(names = "--text-field", defaultValue = "text", description = "JSONL field holding the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--id-field", defaultValue = "id", description = "JSONL field holding an id (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(names = "--url-field", defaultValue = "url", description = "JSONL field holding the URL (default: ${DEFAULT-VALUE}).")
  String urlField;

  @Option(names = "--no-title", description = "Keep the first body line in raw_content instead of making it the title (cc_net makes it the title).")
  boolean noTitle;

  @Option(names = "--wet-framing", defaultValue = "content-length", paramLabel = "content-length|ccnet-lines",
      description = "content-length: jwarc, records end at their Content-Length (default); ccnet-lines: cc_net's "
          + "reader, a record ends at the next WARC/1.0 line (for WET files with wrong lengths).")
  String wetFraming;

  @Option(names = "--min-length", defaultValue = "300", description = "Minimum raw_content length in characters, at read time and after dedup (cc_net: ${DEFAULT-VALUE}).")
  int minLength;

  @Option(names = "--max-length", defaultValue = "10000000", description = "Drop documents longer than this (default: ${DEFAULT-VALUE}).")
  long maxLength;

  @Option(names = "--dedup", defaultValue = "remove-all", paramLabel = "remove-all|keep-first",
      description = "remove-all: cc_net, every copy of a repeated line goes; keep-first: C4, the first document keeps it.")
  String dedup;

  @Option(names = "--lid-model", paramLabel = "FILE", description = "fastText lid.176 model (default: the cached lid176, fetched when missing).")
  Path lidModel;

  @Option(names = "--lid-threshold", defaultValue = "0.5", description = "Keep documents whose rounded language score is at least this (cc_net: ${DEFAULT-VALUE}).")
  double lidThreshold;

  @Option(names = "--languages", split = ",", paramLabel = "LANG", description = "Languages to keep, e.g. en,fr (default: all).")
  List<String> languages = new ArrayList<>();

  @Option(names = "--on-bad-record", defaultValue = "skip", paramLabel = "skip|fail",
      description = "skip: count bad records under a named drop reason (default); fail: stop naming the file and record.")
  String onBadRecord;

  @Option(names = "--safety-tag", description = "Score every kept document with the embedded safety classifier "
      + "(adds safety_score and safety_category; the report shows the score distribution).")
  boolean safetyTag;

  @Option(names = "--safety-filter", paramLabel = "SCORE", description = "Also drop documents whose safety score is "
      + "at least SCORE (implies --safety-tag).")
  Double safetyFilter;

  @Option(names = "--runner", defaultValue = "flink", paramLabel = "flink|spark|direct",
      description = "Beam runner (default: ${DEFAULT-VALUE}, an embedded Flink mini-cluster).")
  String runner;

  @Option(names = "--master", paramLabel = "ADDRESS", description = "Cluster address: Flink JobManager host:port or Spark master URL (default: run embedded).")
  String master;

  @Option(names = "--parallelism", description = "Workers for an embedded run (default: the number of cores).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--shards", defaultValue = "0", description = "Output shards per language (default: the parallelism).")
  int shards;

  @Option(names = "--beam", paramLabel = "ARG", description = "Extra Beam pipeline argument, e.g. --beam=--maxBundleSize=1000 (repeatable).")
  List<String> beamArgs = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (sample) {
      inputs.add(SampleCorpus.folder().toString());
      if (output == null) {
        output = Path.of("llamakit-out", "ccnet-sample");
      }
      overwrite = true;
    }
    if (inputs.isEmpty() && pathsFile == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "name INPUT files/folders/globs, --paths, or --sample");
    }
    if (output == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--output DIR is required");
    }
    if (!wetFraming.equals("content-length") && !wetFraming.equals("ccnet-lines")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--wet-framing must be content-length or ccnet-lines");
    }
    ReadOptions read = new ReadOptions(!noTitle, textField, idField, urlField, parsePolicy(),
        wetFraming.equals("ccnet-lines"));
    List<InputFile> files = new InputResolver(parseFormat()).resolve(inputs, pathsFile, base);
    Path lid = lidModel != null ? lidModel : ModelStore.standard().ensure("lid176", System.err);
    if (!Files.isRegularFile(lid)) {
      throw new java.nio.file.NoSuchFileException(lid.toString(), null, "fastText language-ID model not found");
    }
    Set<String> langs = new LinkedHashSet<>(languages);
    CcNetConfig cfg = new CcNetConfig(files, read, minLength, maxLength, DedupPolicy.parse(dedup),
        lid.toAbsolutePath(), lidThreshold, langs, shards > 0 ? shards : Math.max(1, parallelism), safetyTag || safetyFilter != null,
        safetyFilter == null ? Double.NaN : safetyFilter);
    List<String> extra = new ArrayList<>();
    for (String a : beamArgs) {
      extra.add(a.startsWith("--") ? a : "--" + a);
    }
    RunReport report = new CcNetJob(cfg, Runner.parse(runner), parallelism, master, extra)
        .run(output, overwrite, System.err);
    report.print(System.out);
    Path out = output.toAbsolutePath().normalize();
    System.out.println("shards:  " + out + "/<language>/part-*.json.gz");
    System.out.println("dropped: " + out.resolve("_dropped"));
    System.out.println("report:  " + out.resolve("report.json"));
    return report.accountingHolds() ? 0 : 1;
  }

  private BadRecordPolicy parsePolicy() {
    return switch (onBadRecord.toLowerCase(Locale.ROOT)) {
      case "skip" -> BadRecordPolicy.SKIP;
      case "fail" -> BadRecordPolicy.FAIL;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--on-bad-record must be skip or fail, not " + onBadRecord);
    };
  }

  private InputFile.Format parseFormat() {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "auto" -> null;
      case "wet" -> InputFile.Format.WET;
      case "jsonl" -> InputFile.Format.JSONL;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "--format must be auto, wet or jsonl");
    };
  }
}
