package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.recipes.Recipe;
import dev.llamakit.pipelines.recipes.Recipes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llamakit pipeline ccnet}: the {@code ccnet} preset recipe with its most used parameters as flags. A flag
 * left out keeps the preset's value (defaults live in the recipe and the steps' {@code Params}, not here).
 */
@Command(name = "ccnet", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Clean a web corpus the way LLaMA's CommonCrawl data was cleaned (CCNet): read WET/JSONL, drop short pages,",
      "remove duplicate lines across the whole input, identify the language with fastText lid.176, and write",
      "per-language JSONL.gz shards with cc_net's fields, an exclusion file and report.json.",
      "The shortcut of `llamakit pipeline run ccnet`; see `llamakit pipeline recipes ccnet`."},
    footer = {"", "Examples:",
      "  llamakit pipeline ccnet --sample",
      "  llamakit pipeline ccnet crawl/*.warc.wet.gz --output out/ccnet --languages en,fr",
      "  llamakit pipeline ccnet --paths wet.paths.gz --base /data/cc --output out/ccnet --dedup keep-first",
      "  llamakit pipeline ccnet --paths wet.paths.gz --base https://data.commoncrawl.org --output s3://bucket/ccnet",
      "  llamakit pipeline ccnet docs.jsonl.gz --text-field text --output out --runner flink --master host:8081"})
public final class CcNetCommand implements Callable<Integer> {
  @Parameters(paramLabel = "INPUT", arity = "0..*", description = JobOptions.INPUTS)
  List<String> inputs = new ArrayList<>();

  @Mixin JobOptions job;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Input format: auto (from each file name; the default) or one of `llamakit pipeline steps`' read formats.")
  String format;

  @Option(names = "--text-field", description = "JSONL field holding the text (default: text).")
  String textField;

  @Option(names = "--id-field", description = "JSONL field holding an id (default: id).")
  String idField;

  @Option(names = "--url-field", description = "JSONL field holding the URL (default: url).")
  String urlField;

  @Option(names = "--no-title", description = "Keep the first body line in raw_content instead of making it the "
      + "title (cc_net makes it the title).")
  boolean noTitle;

  @Option(names = "--wet-framing", paramLabel = "content-length|ccnet-lines",
      description = "content-length: records end at their Content-Length (default); ccnet-lines: cc_net's "
          + "reader, a record ends at the next WARC/1.0 line (for WET files with wrong lengths).")
  String wetFraming;

  @Option(names = "--min-length", description = "Minimum raw_content length in characters, at read time and after "
      + "dedup (cc_net: 300).")
  Integer minLength;

  @Option(names = "--max-length", description = "Drop documents longer than this (default: 10,000,000).")
  Long maxLength;

  @Option(names = "--dedup", paramLabel = "remove-all|keep-first",
      description = "remove-all: cc_net, every copy of a repeated line goes; keep-first: C4, the first document keeps it.")
  String dedup;

  @Option(names = "--lid-model", paramLabel = "FILE", description = "fastText lid.176 model (default: the cached "
      + "lid176, fetched when missing).")
  Path lidModel;

  @Option(names = "--lid-threshold", description = "Keep documents whose rounded language score is at least this "
      + "(cc_net: 0.5).")
  Double lidThreshold;

  @Option(names = "--languages", split = ",", paramLabel = "LANG", description = "Languages to keep, e.g. en,fr "
      + "(default: all).")
  List<String> languages = new ArrayList<>();

  @Option(names = "--on-bad-record", paramLabel = "skip|fail",
      description = "skip: count bad records under a named drop reason (default); fail: stop naming the file and record.")
  String onBadRecord;

  @Option(names = "--safety-tag", description = "Score every kept document with the embedded safety classifier "
      + "(adds safety_score and safety_category; the report shows the score distribution).")
  boolean safetyTag;

  @Option(names = "--safety-filter", paramLabel = "SCORE", description = "Also drop documents whose safety score is "
      + "at least SCORE (implies --safety-tag).")
  Double safetyFilter;

  @Option(names = "--shards", description = "Output shards per language (default: one per worker; on Spark and a Flink "
      + "cluster, the parallelism).")
  Integer shards;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Recipe r = Recipes.preset("ccnet");
    r = set(r, "read", "format", format);
    r = set(r, "read", "text_field", textField);
    r = set(r, "read", "id_field", idField);
    r = set(r, "read", "url_field", urlField);
    r = set(r, "read", "title", noTitle ? Boolean.FALSE : null);
    r = set(r, "read", "wet_framing", wetFraming);
    r = set(r, "read", "on_bad_record", onBadRecord);
    r = set(r, "length", "min_length", minLength);
    r = set(r, "length", "max_length", maxLength);
    r = set(r, "dedup_lines", "min_length", minLength);
    r = set(r, "dedup_lines", "policy", dedup);
    r = set(r, "language", "model", lidModel == null ? null : lidModel.toString());
    r = set(r, "language", "threshold", lidThreshold);
    r = set(r, "language", "languages", languages.isEmpty() ? null : languages);
    r = set(r, "write", "shards", shards);
    if (safetyTag || safetyFilter != null) {
      r = r.insertBefore("write", "safety", safetyFilter == null ? Map.of() : Map.of("threshold", safetyFilter));
    }
    return job.run(r, inputs, spec.commandLine());
  }

  private static Recipe set(Recipe r, String step, String key, Object value) {
    return value == null ? r : r.with(step, key, value);
  }
}
