package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.eval.data.DataFormatException;
import dev.llamakit.eval.data.DatasetLoader;
import dev.llamakit.eval.data.Datasets;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.task.ChatPrompt;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.FewShotSampler;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a task needs before the model runs: its documents (split into subtasks, cut by {@code --limit}), each
 * document's few-shot prompt and its resume key, and the effective settings.
 *
 * @param task the task
 * @param subtasks subtask name to its documents' plans, in data order
 * @param originalSizes subtask name to its document count before {@code --subset} and {@code --limit}
 * @param categories subtask name to its category (MMLU's stem / humanities / ...), empty for plain tasks
 * @param numFewshot effective shots
 * @param repeats effective samples per document (1 for multiple choice)
 * @param maxGenToks effective generation budget (0 for multiple choice)
 * @param settingsJson the settings that enter the resume key
 */
public record TaskPlan(Task task, Map<String, List<PlannedDoc>> subtasks, Map<String, Integer> originalSizes,
    Map<String, String> categories, int numFewshot, int repeats, int maxGenToks, String settingsJson) {

  /** Plans {@code task} over the data in {@code dataDir} for {@code model}, with plain-text prompts. */
  public static TaskPlan of(Task task, Path dataDir, RunSettings s, ModelIdentity model) {
    return of(task, dataDir, s, model, m -> {
      throw new IllegalStateException("a chat template was asked for but no model renders it");
    });
  }

  /**
   * Plans {@code task} over the data in {@code dataDir} for {@code model}; {@code chatTemplate} renders the
   * conversations of {@link RunSettings#promptStyle()} when it applies a chat template (the model's
   * {@code applyChatTemplate}).
   */
  public static TaskPlan of(Task task, Path dataDir, RunSettings s, ModelIdentity model,
      Function<List<Message>, String> chatTemplate) {
    TaskSpec spec = task.spec();
    int shots = s.numFewshot() != null ? s.numFewshot() : spec.numFewshot();
    int repeats = spec.multipleChoice() ? 1 : s.repeats() != null ? s.repeats() : spec.generation().repeats();
    int maxTok = spec.multipleChoice() ? 0 : s.maxGenToks() != null ? s.maxGenToks() : spec.generation().maxGenToks();
    // random shots are drawn with lm-eval's stream (PyRandom) since eval 0.x; the marker keeps progress logged with
    // the earlier per-document generator from being reused
    String draw = shots > 0 && "random".equals(spec.fewshot().sampler()) ? ",\"fewshot_draw\":\"pyrandom\"" : "";
    ChatPrompt.Style style = s.promptStyle();
    if (task.partial() && !style.plain()) {
      throw new IllegalArgumentException("task " + task.name() + " scores a context per choice (partial evaluation); "
          + "--apply-chat-template and --system-instruction are not supported for it");
    }
    if (!style.plain()) { // prompts differ: so do the keys
      draw += ",\"apply_chat_template\":%s,\"fewshot_as_multiturn\":%s,\"system_instruction_sha\":\"%s\""
          .formatted(style.applyChatTemplate(), style.fewshotAsMultiturn(),
              style.systemInstruction() == null ? "" : sha256(style.systemInstruction()));
    }
    String settings = spec.multipleChoice()
        ? "{\"num_fewshot\":%d,\"fewshot_seed\":%d%s}".formatted(shots, s.seed(), draw)
        : "{\"num_fewshot\":%d,\"fewshot_seed\":%d,\"repeats\":%d,\"max_gen_toks\":%d,\"temperature\":%s,\"top_p\":%s%s%s}"
            .formatted(shots, s.seed(), repeats, maxTok, spec.generation().temperature(), spec.generation().topP(),
                usesSandbox(task) ? ",\"timeout_ms\":" + s.sandbox().timeout().toMillis() : "", draw);

    TaskSpec.DatasetSpec ds = spec.dataset();
    DatasetLoader loader = Datasets.loader(ds.loader());
    Path base = Datasets.resolve(dataDir, ds);
    List<Doc> test = loader.load(base, ds.testSplit());
    if (test.isEmpty()) {
      throw new DataFormatException(base + ": the " + ds.testSplit() + " split of task " + task.name() + " is empty");
    }
    Map<String, List<Doc>> pools = new LinkedHashMap<>();
    boolean poolIsTestSplit = task.fixedShots().isEmpty() && ds.fewshotSplit() != null
        && ds.fewshotSplit().equals(ds.testSplit());
    if (!task.fixedShots().isEmpty()) {
      pools.put("", task.fixedShots());
    } else if (ds.fewshotSplit() != null && shots > 0) {
      List<Doc> pool = ds.fewshotSplit().equals(ds.testSplit()) ? test : loader.load(base, ds.fewshotSplit());
      pools.putAll(group(spec, pool));
    } else if (shots > 0) {
      throw new IllegalArgumentException("task " + task.name() + " has no few-shot source; use --num-fewshot 0");
    }

    Map<String, String> categories = new LinkedHashMap<>();
    JsonNode table = spec.groupTable() == null ? null : TaskRegistry.readTree(spec.groupTable()).get("subjects");
    Map<String, List<PlannedDoc>> subtasks = new LinkedHashMap<>();
    Map<String, Integer> original = new LinkedHashMap<>();
    for (Map.Entry<String, List<Doc>> g : group(spec, test).entrySet()) {
      String name = g.getKey().isEmpty() ? task.name() : task.name() + "_" + g.getKey();
      if (table != null) {
        JsonNode cat = table.get(g.getKey());
        if (cat == null) {
          throw new DataFormatException("task " + task.name() + ": subtask '" + g.getKey() + "' is not in "
              + spec.groupTable());
        }
        categories.put(name, cat.asText());
      }
      List<Doc> all = g.getValue();
      List<Doc> docs = all;
      original.put(name, docs.size());
      if (s.subset() != null) {
        docs = s.subset().select(task, docs);
        if (docs.isEmpty()) {       // a subject without a document in the subset is left out, as if it had none
          original.remove(name);
          categories.remove(name);
          continue;
        }
      }
      if (s.limit() != null && s.limit() < docs.size()) {
        docs = docs.subList(0, s.limit());
      }
      List<Doc> pool = pools.getOrDefault(pools.containsKey("") ? "" : g.getKey(), List.of());
      if (shots > 0 && pool.size() < shots) {
        throw new DataFormatException("task " + name + ": " + shots + " shots requested but the few-shot pool holds "
            + pool.size() + " documents");
      }
      Map<String, List<Doc>> chosenById = shotsOf(spec, pool, poolIsTestSplit, all, docs, shots, s.seed());
      List<PlannedDoc> plans = new ArrayList<>(docs.size());
      for (Doc d : docs) {
        List<Doc> chosen = chosenById.get(d.id());
        String ctx;
        List<Message> messages = null;
        if (style.applyChatTemplate()) {
          messages = ChatPrompt.messages(task, d, chosen, style.systemInstruction(), style.fewshotAsMultiturn());
          ctx = ChatPrompt.render(messages, chatTemplate);
        } else if (style.systemInstruction() != null) {
          ctx = ChatPrompt.text(task, d, chosen, style.systemInstruction());
        } else {
          ctx = task.context(d, chosen);
        }
        String key = sha256(String.join("\n", task.name(), task.version(), task.specHash(), d.id(),
            model.fileHash(), settings));
        plans.add(new PlannedDoc(name, d, ctx, key, messages));
      }
      subtasks.put(name, plans);
    }
    if (subtasks.isEmpty()) {
      throw new DataFormatException("task " + task.name() + ": no document is in subset '" + s.subset().subset()
          + "' of " + s.subset().file());
    }
    return new TaskPlan(task, subtasks, original, categories, shots, repeats, maxTok, settings);
  }

  /**
   * The shots of each of {@code planned}: one lm-eval sampler per (sub)task advanced over {@code all} its documents in
   * order, so a document's shots are those of a full run whatever {@code --limit} or subset selects.
   */
  private static Map<String, List<Doc>> shotsOf(TaskSpec spec, List<Doc> pool, boolean poolIsTestSplit,
      List<Doc> all, List<Doc> planned, int shots, long seed) {
    Map<String, List<Doc>> out = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    planned.forEach(d -> wanted.add(d.id()));
    FewShotSampler sampler = shots == 0 ? null : new FewShotSampler(spec.fewshot().sampler(), pool, poolIsTestSplit,
        seed);
    for (Doc d : all) {
      if (wanted.isEmpty()) {
        break;
      }
      List<Doc> chosen = sampler == null ? List.of() : sampler.next(d, shots);
      if (wanted.remove(d.id())) {
        out.put(d.id(), chosen);
      }
    }
    return out;
  }

  /** True for tasks whose answers are programs run in the sandbox. */
  public static boolean usesSandbox(Task task) {
    return task.spec().metrics().stream().anyMatch(m -> "pass_at_k".equals(m.metric())
        || "pass_at_1".equals(m.metric()));
  }

  private static Map<String, List<Doc>> group(TaskSpec spec, List<Doc> docs) {
    Map<String, List<Doc>> out = new LinkedHashMap<>();
    for (Doc d : docs) {
      String g = spec.groupBy() == null ? "" : d.text(spec.groupBy());
      out.computeIfAbsent(g, k -> new ArrayList<>()).add(d);
    }
    return out;
  }

  /** Every planned document, subtask after subtask. */
  public List<PlannedDoc> all() {
    List<PlannedDoc> out = new ArrayList<>();
    subtasks.values().forEach(out::addAll);
    return out;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
