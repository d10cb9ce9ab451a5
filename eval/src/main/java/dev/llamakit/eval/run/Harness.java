package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.sandbox.Sandbox;
import dev.llamakit.eval.task.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs tasks against a {@link LanguageModel} and writes, into the output folder: {@code progress.jsonl} (the
 * resumable per-document log), {@code results.json} (lm-eval's layout), {@code samples_TASK.jsonl} per task and
 * {@code summary.md}.
 *
 * <p>Documents already in the log with the same key (task version and file, document, model file hash, settings)
 * are not asked again, so an interrupted run continues where it stopped.
 */
public final class Harness {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper SNAKE = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final LanguageModel model;
  private final Path dataDir;
  private final Path outDir;
  private final RunSettings settings;
  private final PrintStream log;

  /** What a run produced. */
  public record Outcome(ObjectNode results, int computed, int reused) {}

  public Harness(LanguageModel model, Path dataDir, Path outDir, RunSettings settings, PrintStream log) {
    this.model = model;
    this.dataDir = dataDir;
    this.outDir = outDir;
    this.settings = settings;
    this.log = log;
  }

  /** Runs every task, then writes results.json, the samples files and summary.md. */
  public Outcome run(List<Task> tasks) {
    long start = System.nanoTime();
    ModelIdentity id = model.identity();
    ObjectNode out = JSON.createObjectNode();
    ObjectNode results = out.putObject("results");
    ObjectNode groups = out.putObject("groups");
    ObjectNode groupSubtasks = out.putObject("group_subtasks");
    ObjectNode configs = out.putObject("configs");
    ObjectNode versions = out.putObject("versions");
    ObjectNode nShot = out.putObject("n-shot");
    ObjectNode higher = out.putObject("higher_is_better");
    ObjectNode nSamples = out.putObject("n-samples");
    ObjectNode truncation = out.putObject("truncation");
    int computed = 0;
    int reused = 0;
    if (settings.limit() != null) {
      log.println("warning: --limit " + settings.limit() + ": only the first " + settings.limit() + " documents of"
          + " each (sub)task are scored; the scores are not full-benchmark scores (recorded as config.limit)");
    }
    Sandbox[] box = new Sandbox[1];
    Supplier<Sandbox> sandbox = () -> {
      if (box[0] == null) {
        box[0] = new Sandbox(settings.sandbox());
        if (!box[0].isolated()) {
          log.println("warning: the code sandbox runs WITHOUT namespace isolation (explicitly allowed)");
        }
      }
      return box[0];
    };
    try (ResumeLog progress = new ResumeLog(outDir.resolve("progress.jsonl"))) {
      if (progress.dropped() > 0) {
        log.println("warning: skipped " + progress.dropped() + " unreadable lines of " + outDir.resolve("progress.jsonl"));
      }
      for (Task task : tasks) {
        TaskPlan plan = TaskPlan.of(task, dataDir, settings, id, model::applyChatTemplate);
        if (TaskPlan.usesSandbox(task)) {
          sandbox.get(); // refuse before spending model time when programs cannot be isolated
        }
        DocScorer scorer = task.spec().multipleChoice()
            ? new MultipleChoiceScorer(task)
            : new GenerationScorer(plan, settings.seed(), sandbox);
        List<PlannedDoc> all = plan.all();
        if (settings.subset() != null) {
          int total = plan.originalSizes().values().stream().mapToInt(Integer::intValue).sum();
          log.println(task.name() + ": subset " + settings.subset().subset() + ": " + all.size() + " of " + total
              + " documents" + (settings.limit() != null ? " (after --limit " + settings.limit() + ")" : ""));
        }
        List<PlannedDoc> pending = all.stream().filter(p -> progress.get(p.key()) == null).toList();
        reused += all.size() - pending.size();
        computed += pending.size();
        if (pending.size() < all.size()) {
          log.println(task.name() + ": resuming, " + (all.size() - pending.size()) + " of " + all.size()
              + " documents already scored");
        }
        try (ProgressBar bar = bar(task.name(), pending.size())) {
          for (int i = 0; i < pending.size(); i += settings.batchSize()) {
            List<PlannedDoc> batch = pending.subList(i, Math.min(pending.size(), i + settings.batchSize()));
            progress.append(scorer.score(batch, model));
            if (bar != null) {
              bar.stepBy(batch.size());
            }
          }
        }
        Map<String, List<JsonNode>> records = new LinkedHashMap<>();
        List<String> sampleLines = new ArrayList<>();
        for (PlannedDoc p : all) {
          JsonNode r = progress.get(p.key());
          records.computeIfAbsent(p.subtask(), k -> new ArrayList<>()).add(r);
          sampleLines.add(r.toString());
        }
        truncation.set(task.name(), countTruncated(task.name(), records));
        Aggregator.Entries e = Aggregator.aggregate(plan, records);
        e.groups().forEach((k, v) -> {
          results.set(k, v);
          groups.set(k, v);
          putVersion(versions, k, task.version());
          nShot.put(k, plan.numFewshot());
        });
        e.subtasks().forEach((k, v) -> {
          results.set(k, v);
          putVersion(versions, k, task.version());
          nShot.put(k, plan.numFewshot());
          ObjectNode hib = higher.putObject(k);
          v.fieldNames().forEachRemaining(f -> {
            if (f.contains(",") && !f.contains("_stderr,")) {
              hib.put(f.substring(0, f.indexOf(',')), true);
            }
          });
          nSamples.putObject(k).put("original", plan.originalSizes().get(k)).put("effective", records.get(k).size());
        });
        e.groupSubtasks().forEach((k, v) -> groupSubtasks.set(k, JSON.valueToTree(v)));
        ObjectNode cfg = SNAKE.valueToTree(task.spec());
        cfg.put("num_fewshot", plan.numFewshot());
        configs.set(task.name(), cfg);
        AtomicFiles.write(outDir.resolve("samples_" + task.name() + ".jsonl"), String.join("\n", sampleLines) + "\n");
      }
    } finally {
      if (box[0] != null) {
        box[0].close();
      }
    }
    ObjectNode config = out.putObject("config");
    config.put("model", model.backend()).put("model_args", model.modelArgs()).put("model_name", id.name())
        .put("model_sha256", id.fileHash()).put("batch_size", settings.batchSize());
    if (settings.limit() == null) {
      config.putNull("limit");
    } else {
      config.put("limit", settings.limit());
    }
    config.put("random_seed", settings.seed()).put("fewshot_seed", settings.seed());
    if (settings.subset() != null) {
      config.put("contamination_subset", settings.subset().subset())
          .put("contamination_file", settings.subset().file().toString());
    }
    var style = settings.promptStyle();
    config.put("apply_chat_template", style.applyChatTemplate()).put("fewshot_as_multiturn", style.fewshotAsMultiturn());
    if (style.systemInstruction() != null) {
      config.put("system_instruction", style.systemInstruction())
          .put("system_instruction_sha", TaskPlan.sha256(style.systemInstruction()));
    }
    if (settings.repeats() != null) {
      config.put("repeats", settings.repeats());
    }
    if (settings.maxGenToks() != null) {
      config.put("max_gen_toks", settings.maxGenToks());
    }
    out.put("date", System.currentTimeMillis() / 1000.0);
    out.put("total_evaluation_time_seconds", String.valueOf((System.nanoTime() - start) / 1e9));
    try {
      AtomicFiles.write(outDir.resolve("results.json"), JSON.writeValueAsString(out) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
    AtomicFiles.write(outDir.resolve("summary.md"), "# " + id.name() + "\n\n" + SummaryTable.markdown(out));
    for (Path stale : RunFolder.removeStaleSamples(outDir,
        tasks.stream().map(Task::name).collect(Collectors.toSet()))) {
      log.println("removed " + stale + " (a task of an earlier run, not of this one)");
    }
    return new Outcome(out, computed, reused);
  }

  /**
   * {@code {"documents": N, "truncated": M}}: how many documents of a task had their prompt cut to fit the context
   * window ({@code null} when the model could not tell for some of them); warns when any was cut.
   */
  private ObjectNode countTruncated(String task, Map<String, List<JsonNode>> records) {
    int docs = 0;
    int known = 0;
    int cut = 0;
    for (List<JsonNode> rs : records.values()) {
      for (JsonNode r : rs) {
        docs++;
        if (r.has(DocScorer.TRUNCATED)) {
          known++;
          cut += r.get(DocScorer.TRUNCATED).asBoolean() ? 1 : 0;
        }
      }
    }
    ObjectNode n = JSON.createObjectNode().put("documents", docs);
    if (known < docs) {
      n.putNull("truncated");
      log.println("note: " + task + ": prompt truncation is not known for " + (docs - known) + " of " + docs
          + " documents (the backend cannot tell, e.g. an API server that tokenizes itself)");
    } else {
      n.put("truncated", cut);
      if (cut > 0) {
        log.println("warning: " + task + ": the prompts of " + cut + " of " + docs + " documents were cut to fit the"
            + " model's context window (left truncation, as lm-eval does); recorded as truncation." + task
            + " in results.json");
      }
    }
    return n;
  }

  /** lm-eval writes versions as numbers ({@code "gsm8k_cot": 3.0}); a non-numeric version stays a string. */
  private static void putVersion(ObjectNode versions, String task, String version) {
    try {
      versions.put(task, Double.parseDouble(version));
    } catch (NumberFormatException e) {
      versions.put(task, version);
    }
  }

  private ProgressBar bar(String name, int total) {
    if (!settings.progress() || total == 0) {
      return null;
    }
    return new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setUnit(" docs", 1)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
  }
}
