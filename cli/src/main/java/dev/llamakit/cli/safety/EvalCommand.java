package dev.llamakit.cli.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.Shields;
import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.data.DataFileException;
import dev.llamakit.safety.protocol.ModerationProtocol;
import dev.llamakit.safety.data.DataFiles;
import dev.llamakit.safety.metrics.BinaryMetrics;
import dev.llamakit.safety.metrics.Percentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code llamakit safety eval}: a shield's precision, recall, F1 and FPR at a threshold, AUPRC, per-category figures
 * and latency percentiles on a labelled data set; printed and written as JSON.
 *
 * <p>Formats: {@code openai-moderation} (the OpenAI moderation evaluation set: {@code prompt} plus 0/1 keys S, H, V,
 * HR, SH, S3, H2, V2; positive when any is 1; per-category = per key), {@code jsonl} ({@code text} + {@code label}:
 * 0/1, true/false, safe/unsafe, or a category code meaning unsafe in that category), {@code csv} (same columns, with
 * a header).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a shield on a labelled data set (openai-moderation, jsonl, csv).")
public final class EvalCommand implements Callable<Integer> {
  private static final List<String> OPENAI_KEYS = List.of("S", "H", "V", "HR", "SH", "S3", "H2", "V2");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--shield", defaultValue = "embedded-moderation", description = "Shield id (default: ${DEFAULT-VALUE}).") String shieldId;

  @Option(names = "--dataset", paramLabel = "FILE", description = "Labelled data (.jsonl, .jsonl.gz, .csv).") Path dataset;

  @Option(names = "--format", description = "openai-moderation, jsonl or csv.") String format;

  @Option(names = "--protocol", description = "Run the off-distribution protocol of the moderation classifier instead: "
      + "leave-one-source-out trainings, the hard-negative and benign-request suites, held-out FLORES-200, the tour.")
  boolean protocol;

  @Option(names = "--no-loso", description = "With --protocol: skip the leave-one-source-out trainings (suites only).")
  boolean noLoso;

  @Option(names = "--sources", split = ",", paramLabel = "SRC", description = "With --protocol: hold out only these "
      + "sources (default: all six).") List<String> sources = new ArrayList<>();

  @Option(names = "--recipe", defaultValue = "current", description = "With --protocol: current or baseline (the "
      + "recipe before issue 14: no hard negatives, request wording kept) for the leave-one-source-out trainings and "
      + "the --model under test (default: ${DEFAULT-VALUE}).")
  String recipe;

  @Option(names = "--model", paramLabel = "FTZ", description = "With --protocol: the moderation model under test for "
      + "the suites (default: the shipped one).") Path model;

  @Option(names = "--data", defaultValue = "../shared/data/safety-train", paramLabel = "DIR",
      description = "With --protocol: the safety-train folder; its parent holds langid/ and benchmarks/ (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--threshold", defaultValue = "0.5", description = "Score threshold for P/R/F1/FPR (default: ${DEFAULT-VALUE}).") double threshold;

  @Option(names = "--role", defaultValue = "user", description = "Role of the texts (default: ${DEFAULT-VALUE}).") String role;

  @Option(names = "--text-field", defaultValue = "text", description = "Text field for jsonl/csv (default: ${DEFAULT-VALUE}).") String textField;

  @Option(names = "--label-field", defaultValue = "label", description = "Label field for jsonl/csv (default: ${DEFAULT-VALUE}).") String labelField;

  @Option(names = "--output", paramLabel = "FILE", description = "JSON report (default: <dataset>.<shield>.eval.json).") Path output;

  /** One labelled text: overall positive, and the categories (keys/codes) it is positive for. */
  record Item(String text, boolean positive, List<String> categories) {}

  @Override
  public Integer call() throws Exception {
    if (protocol) return protocol();
    if (dataset == null || format == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --dataset and --format, or --protocol");
    }
    if (!Files.isRegularFile(dataset)) throw new NoSuchFileException(dataset.toString());
    Shield shield;
    Role r;
    try {
      shield = Shields.byId(shieldId);
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Item> items = switch (format.toLowerCase(Locale.ROOT)) {
      case "openai-moderation" -> openAi(dataset);
      case "jsonl" -> jsonl(dataset);
      case "csv" -> csv(dataset);
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "--format must be openai-moderation, jsonl or csv");
    };
    if (items.isEmpty()) throw new DataFileException(dataset, 0, "no records");
    int n = items.size();
    double[] scores = new double[n];
    double[] micros = new double[n];
    boolean[] pos = new boolean[n];
    int errors = 0;
    for (int i = 0; i < n; i++) {
      ShieldResult res = shield.check(List.of(new Message(r, items.get(i).text())));
      scores[i] = res.score();
      micros[i] = res.latency().toNanos() / 1000.0;
      pos[i] = items.get(i).positive();
      if (res.decision() == dev.llamakit.safety.Decision.ERROR) errors++;
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("shield", shield.id());
    report.put("dataset", dataset.toString());
    report.put("format", format);
    report.put("errors", errors);
    report.put("overall", BinaryMetrics.of(scores, pos, threshold).toMap());
    Map<String, Object> perCat = new TreeMap<>();
    Map<String, List<Integer>> byCat = new TreeMap<>();
    for (int i = 0; i < n; i++) for (String c : items.get(i).categories()) byCat.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
    for (var e : byCat.entrySet()) {
      // One category against the items that are negative overall (its positives vs all negatives).
      List<Integer> idx = new ArrayList<>(e.getValue());
      for (int i = 0; i < n; i++) if (!pos[i]) idx.add(i);
      double[] s = idx.stream().mapToDouble(i -> scores[i]).toArray();
      boolean[] p = new boolean[s.length];
      for (int k = 0; k < e.getValue().size(); k++) p[k] = true;
      perCat.put(e.getKey(), BinaryMetrics.of(s, p, threshold).toMap());
    }
    report.put("perCategory", perCat);
    Map<String, Object> lat = new LinkedHashMap<>(new Percentiles(micros).summary());
    report.put("latencyMicros", lat);
    String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    System.out.println(text);
    Path out = output != null ? output : dataset.resolveSibling(dataset.getFileName() + "." + shieldId + ".eval.json");
    AtomicFile.writeText(out, w -> w.write(text));
    System.err.println("report written to " + out);
    return 0;
  }

  private Integer protocol() throws Exception {
    if (!recipe.equals("current") && !recipe.equals("baseline")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--recipe must be current or baseline");
    }
    List<String> known = new ArrayList<>(ModerationProtocol.REQUEST_SOURCES);
    known.addAll(ModerationProtocol.CONTENT_SOURCES);
    for (String s : sources) {
      if (!known.contains(s)) throw new CommandLine.ParameterException(spec.commandLine(), "--sources: unknown source '" + s + "' (known: " + known + ")");
    }
    if (!Files.isDirectory(data)) throw new NoSuchFileException(data.toString());
    if (model != null && !Files.isRegularFile(model)) throw new NoSuchFileException(model.toString());
    ModerationClassifier c = model != null ? new ModerationClassifier(model, recipe.equals("current"))
        : ModerationClassifier.shipped();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", model != null ? model.toString() : "shipped");
    report.putAll(ModerationProtocol.run(c, new ModerationProtocol.Options(data, data.toAbsolutePath().getParent(),
        recipe.equals("current"), !noLoso, sources), System.err));
    String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    System.out.println(text);
    if (output != null) {
      AtomicFile.writeText(output, w -> w.write(text));
      System.err.println("report written to " + output);
    }
    return 0;
  }

  private static List<Item> openAi(Path file) throws IOException {
    List<Item> out = new ArrayList<>();
    for (DataFiles.JsonLine rec : DataFiles.jsonlLines(file)) {
      JsonNode r = rec.json();
      JsonNode p = r.get("prompt");
      if (p == null || !p.isTextual()) throw new DataFileException(file, rec.line(), "no text field 'prompt'");
      List<String> cats = new ArrayList<>();
      for (String k : OPENAI_KEYS) if (r.path(k).asInt(0) == 1) cats.add(k);
      out.add(new Item(p.asText(), !cats.isEmpty(), cats));
    }
    return out;
  }

  private List<Item> jsonl(Path file) throws IOException {
    List<Item> out = new ArrayList<>();
    for (DataFiles.JsonLine rec : DataFiles.jsonlLines(file)) {
      JsonNode t = rec.json().get(textField);
      JsonNode l = rec.json().get(labelField);
      if (t == null || !t.isTextual()) throw new DataFileException(file, rec.line(), "no text field '" + textField + "'");
      if (l == null || !l.isValueNode()) throw new DataFileException(file, rec.line(), "no label field '" + labelField + "'");
      out.add(item(t.asText(), l.asText(), file, rec.line()));
    }
    return out;
  }

  private List<Item> csv(Path file) throws IOException {
    List<Item> out = new ArrayList<>();
    for (DataFiles.CsvRow r : DataFiles.csv(file)) {
      out.add(item(r.field(textField), r.field(labelField), file, r.line()));
    }
    return out;
  }

  static Item item(String text, String label, Path file, long line) throws IOException {
    String l = label.strip();
    return switch (l.toLowerCase(Locale.ROOT)) {
      case "0", "false", "safe", "benign", "no" -> new Item(text, false, List.of());
      case "1", "true", "unsafe", "yes", "toxic", "harmful" -> new Item(text, true, List.of());
      default -> {
        if (l.matches("[A-Za-z]+\\d+")) yield new Item(text, true, List.of(l.toUpperCase(Locale.ROOT)));
        throw new DataFileException(file, line, "unknown label '" + label + "'");
      }
    };
  }
}
