package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.metric.Stats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a task's per-document records into lm-eval result entries: per subtask the mean and standard error of every
 * {@code metric,filter} key and {@code sample_len}; for grouped tasks (MMLU) one entry per category and one for the
 * task, size-weighted (micro, lm-eval's {@code weight_by_size}) with pooled standard errors, plus
 * {@code acc_macro,none} = the plain mean over subtasks (Meta's macro average).
 */
public final class Aggregator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Aggregator() {}

  /** The aggregated entries of one task. */
  public record Entries(Map<String, ObjectNode> subtasks, Map<String, ObjectNode> groups,
      Map<String, List<String>> groupSubtasks) {}

  /** Aggregates {@code records} (one per planned document, keyed by subtask) of {@code plan}. */
  public static Entries aggregate(TaskPlan plan, Map<String, List<JsonNode>> records) {
    Map<String, ObjectNode> subs = new LinkedHashMap<>();
    String prefix = plan.task().name() + "_";
    for (Map.Entry<String, List<JsonNode>> e : records.entrySet()) {
      String alias = e.getKey().startsWith(prefix) && !plan.categories().isEmpty()
          ? e.getKey().substring(prefix.length()) : e.getKey(); // lm-eval: "abstract_algebra"
      subs.put(e.getKey(), subtask(alias, e.getValue()));
    }
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    Map<String, List<String>> groupSubtasks = new LinkedHashMap<>();
    String name = plan.task().name();
    if (plan.categories().isEmpty()) {
      if (plan.task().spec().groupBy() == null) {
        groupSubtasks.put(name, List.of());
        return new Entries(subs, groups, groupSubtasks);
      }
      // a flat group (minerva_math): the task's entry is its subtasks' size-weighted mean, lm-eval's weight_by_size
      List<String> all = new ArrayList<>(subs.keySet());
      groupSubtasks.put(name, all);
      groups.put(name, top(name, subs, all));
      return new Entries(subs, groups, groupSubtasks);
    }
    Map<String, List<String>> byCategory = new LinkedHashMap<>();
    plan.categories().forEach((sub, cat) -> byCategory.computeIfAbsent(name + "_" + cat, k -> new ArrayList<>()).add(sub));
    List<String> cats = new ArrayList<>(byCategory.keySet());
    cats.sort(null);
    groupSubtasks.put(name, cats);
    ObjectNode top = JSON.createObjectNode().put("alias", name);
    groups.put(name, top);
    for (String cat : cats) {
      List<String> members = byCategory.get(cat);
      groupSubtasks.put(cat, members);
      ObjectNode g = JSON.createObjectNode().put("alias", " - " + cat.substring(name.length() + 1));
      for (String metric : metricKeys(subs, members)) {
        List<Stats.Part> parts = parts(subs, members, metric);
        g.put(metric, Stats.micro(parts));
        putStderr(g, metric, Stats.pooledStderr(parts));
      }
      g.put("sample_len", members.stream().mapToInt(m -> subs.get(m).get("sample_len").asInt()).sum());
      groups.put(cat, g);
    }
    List<String> all = new ArrayList<>(subs.keySet());
    ObjectNode whole = top(name, subs, all);
    top.setAll(whole);
    return new Entries(subs, groups, groupSubtasks);
  }

  /** The task's entry: micro (size-weighted) means with pooled standard errors, and the macro means. */
  private static ObjectNode top(String name, Map<String, ObjectNode> subs, List<String> all) {
    ObjectNode top = JSON.createObjectNode().put("alias", name);
    for (String metric : metricKeys(subs, all)) {
      List<Stats.Part> parts = parts(subs, all, metric);
      top.put(metric, Stats.micro(parts));
      putStderr(top, metric, Stats.pooledStderr(parts));
      int comma = metric.indexOf(',');
      top.put(metric.substring(0, comma) + "_macro" + metric.substring(comma), Stats.macro(parts));
    }
    top.put("sample_len", subs.values().stream().mapToInt(s -> s.get("sample_len").asInt()).sum());
    return top;
  }

  private static ObjectNode subtask(String alias, List<JsonNode> recs) {
    ObjectNode out = JSON.createObjectNode().put("alias", alias);
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, List<Double>> flattened = new LinkedHashMap<>();
    Map<String, Integer> listDocs = new LinkedHashMap<>();
    for (JsonNode r : recs) {
      for (Iterator<Map.Entry<String, JsonNode>> it = r.get("metrics").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        if (m.getValue().isArray()) { // a list per document (IFEval's inst_level_*): flattened over documents
          List<Double> f = flattened.computeIfAbsent(m.getKey(), k -> new ArrayList<>());
          m.getValue().forEach(x -> f.add(x.isBoolean() ? (x.asBoolean() ? 1.0 : 0.0) : x.asDouble()));
          listDocs.merge(m.getKey(), 1, Integer::sum);
        } else {
          values.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue().asDouble());
        }
      }
    }
    for (Map.Entry<String, List<Double>> e : values.entrySet()) {
      if (e.getValue().size() != recs.size()) {
        continue; // pass@k is reported only when every problem has at least k samples
      }
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      out.put(e.getKey(), Stats.mean(v));
      putStderr(out, e.getKey(), Stats.stderr(v));
    }
    for (Map.Entry<String, List<Double>> e : flattened.entrySet()) {
      if (listDocs.get(e.getKey()) != recs.size() || e.getValue().isEmpty()) {
        continue;
      }
      // lm-eval's agg_inst_level_acc: the mean of all items; its stderr_for_metric knows no stderr for a custom
      // aggregation (and does not bootstrap it), so the stderr is "N/A"
      out.put(e.getKey(), Stats.mean(e.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
      putStderr(out, e.getKey(), Double.NaN);
    }
    out.put("sample_len", recs.size());
    return out;
  }

  private static void putStderr(ObjectNode n, String metric, double se) {
    int comma = metric.indexOf(',');
    String key = metric.substring(0, comma) + "_stderr" + metric.substring(comma);
    if (Double.isNaN(se)) {
      n.put(key, "N/A");
    } else {
      n.put(key, se);
    }
  }

  private static List<String> metricKeys(Map<String, ObjectNode> subs, List<String> members) {
    List<String> keys = new ArrayList<>();
    subs.get(members.getFirst()).fieldNames().forEachRemaining(k -> {
      if (k.contains(",") && !k.contains("_stderr,")) {
        keys.add(k);
      }
    });
    return keys;
  }

  private static List<Stats.Part> parts(Map<String, ObjectNode> subs, List<String> members, String metric) {
    List<Stats.Part> parts = new ArrayList<>();
    for (String m : members) {
      ObjectNode s = subs.get(m);
      int comma = metric.indexOf(',');
      JsonNode se = s.get(metric.substring(0, comma) + "_stderr" + metric.substring(comma));
      parts.add(new Stats.Part(s.get(metric).asDouble(), se == null || !se.isNumber() ? Double.NaN : se.asDouble(),
          s.get("sample_len").asInt()));
    }
    return parts;
  }
}
