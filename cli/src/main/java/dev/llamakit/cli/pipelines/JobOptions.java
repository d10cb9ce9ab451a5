package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.recipes.CompiledRecipe;
import dev.llamakit.pipelines.recipes.Recipe;
import dev.llamakit.pipelines.recipes.RecipeCompiler;
import dev.llamakit.pipelines.recipes.RecipeJob;
import dev.llamakit.pipelines.recipes.Recipes;
import dev.llamakit.pipelines.recipes.Runner;
import dev.llamakit.pipelines.report.Progress;
import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.storage.Locations;
import dev.llamakit.pipelines.storage.RemoteFiles;
import dev.llamakit.pipelines.storage.S3Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every recipe command shares — inputs, output, runner, recipe overrides — and the one way a recipe is
 * run from the command line: apply {@code --set} overrides, compile (every recipe error reported before anything
 * runs), run with {@link RecipeJob}, print the report and where the output went.
 */
public final class JobOptions {
  @Option(names = "--sample", description = "Run on the bundled sample corpus (samples/ccnet) into "
      + "llamakit-out/<recipe>-sample.")
  boolean sample;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (replaced atomically on "
      + "success), or an s3://bucket/prefix (staged, then copied into place with report.json last).")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing output folder (only once the new run succeeded).")
  boolean overwrite;

  @Option(names = "--paths", paramLabel = "FILE", description = "A paths file like Common Crawl's wet.paths.gz.")
  Path pathsFile;

  @Option(names = "--base", paramLabel = "DIR|URL", description = "Folder, s3:// prefix or http(s):// URL the --paths "
      + "entries are relative to.")
  String base;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "An S3-compatible server, e.g. "
      + "http://127.0.0.1:9000 (path-style requests; default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS).")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default: AWS_REGION, "
      + "AWS_DEFAULT_REGION, the AWS profile's, else us-east-1). Credentials: the AWS SDK's default chain.")
  String s3Region;

  @Option(names = "--set", paramLabel = "STEP.PARAM=VALUE", description = "Override a recipe parameter, e.g. "
      + "--set language.languages=[en,fr] (YAML value; repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--signals-only", description = "Run every rule signals-only (RedPajama-V2 style): nothing is "
      + "dropped by a rule; each writes its measured values and a would_drop list for selection downstream.")
  boolean signalsOnly;

  @Option(names = "--runner", defaultValue = "flink", paramLabel = "flink|spark|direct",
      description = "Beam runner (default: ${DEFAULT-VALUE}, an embedded Flink mini-cluster).")
  String runner;

  @Option(names = "--master", paramLabel = "ADDRESS", description = "Cluster address: Flink JobManager host:port or "
      + "Spark master URL (default: run embedded).")
  String master;

  @Option(names = "--parallelism", description = "Workers for an embedded run (default: the number of cores).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|plain|none", description = "Progress on "
      + "stderr while the run goes on: auto (a line redrawn in place, only on a terminal), plain (a line every 10 s, for "
      + "logs) or none (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(names = "--beam", paramLabel = "ARG", description = "Extra Beam pipeline argument, e.g. "
      + "--beam=--maxBundleSize=1000 (repeatable).")
  List<String> beamArgs = new ArrayList<>();

  /** The help line of a command's INPUT parameters. */
  static final String INPUTS = "Files, folders or glob patterns (.warc.wet[.gz], .jsonl[.gz], cc_net .json.gz); "
      + "s3:// objects, prefixes or globs; http(s):// files.";

  /** Runs {@code recipe} on {@code inputs} with these options; returns the exit code (1 when accounting fails). */
  int run(Recipe recipe, List<String> given, CommandLine cmd) throws Exception {
    List<String> inputs = new ArrayList<>(given);
    if (sample) {
      inputs.add(SampleCorpus.folder().toString());
      if (output == null) {
        output = Path.of("llamakit-out", recipe.name() + "-sample").toString();
      }
      overwrite = true;
    }
    if (inputs.isEmpty() && pathsFile == null) {
      throw new CommandLine.ParameterException(cmd, "name INPUT files/folders/globs, --paths, or --sample");
    }
    if (output == null) {
      throw new CommandLine.ParameterException(cmd, "--output DIR is required");
    }
    Recipe r = recipe;
    for (String o : overrides) {
      r = Recipes.override(r, o);
    }
    if (signalsOnly) {
      r = r.allRules(RecipeCompiler.SIGNALS_ONLY, true);
    }
    List<String> extra = new ArrayList<>();
    for (String a : beamArgs) {
      extra.add(a.startsWith("--") ? a : "--" + a);
    }
    try {
      extra = S3Settings.resolve(s3Endpoint, s3Region, System.getenv()).completing(extra);
    } catch (IllegalArgumentException badEndpoint) {
      throw new CommandLine.ParameterException(cmd, badEndpoint.getMessage());
    }
    RemoteFiles.register(extra);
    CompiledRecipe compiled = new RecipeCompiler()
        .compile(r, new RecipeCompiler.Inputs(inputs, pathsFile, base), parallelism);
    Progress.Mode shown;
    try {
      shown = Progress.Mode.parse(progress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cmd, e.getMessage());
    }
    RunReport report = new RecipeJob(compiled, Runner.parse(runner), parallelism, master, extra)
        .withProgress(shown)
        .run(output, overwrite, System.err);
    report.print(System.out);
    String out = Locations.isRemote("--output", output) ? output.replaceAll("/+$", "")
        : Locations.localPath(output).toAbsolutePath().normalize().toString();
    System.out.println("shards:  " + out + "/<" + compiled.layout().name().toLowerCase() + ">/part-*.json.gz");
    System.out.println("dropped: " + out + "/_dropped");
    System.out.println("report:  " + out + "/report.json");
    return report.accountingHolds() ? 0 : 1;
  }
}
