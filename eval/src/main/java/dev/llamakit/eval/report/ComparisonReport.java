package dev.llamakit.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs side by side: a Markdown table (one row per task and metric, one column per run) and a self-contained HTML page
 * with the same table and an inline-SVG bar chart per task. Subtasks of grouped tasks (the 57 MMLU subjects) appear
 * in the tables but get no chart of their own.
 */
public final class ComparisonReport {
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948"};

  private final List<RunResults> runs;
  private final Map<String, Set<String>> rows = new LinkedHashMap<>();

  public ComparisonReport(List<RunResults> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one run folder");
    }
    this.runs = List.copyOf(runs);
    for (RunResults r : runs) {
      r.values().forEach((task, metrics) -> rows.computeIfAbsent(task, k -> new LinkedHashSet<>())
          .addAll(metrics.keySet()));
    }
  }

  /** The Markdown comparison. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("|Task|Metric|");
    runs.forEach(r -> sb.append(r.label().replace("|", "\\|")).append('|'));
    sb.append("\n|---|---|");
    runs.forEach(r -> sb.append("---:|"));
    sb.append('\n');
    rows.forEach((task, metrics) -> {
      for (String m : metrics) {
        sb.append('|').append(task).append('|').append(m).append('|');
        for (RunResults r : runs) {
          sb.append(cell(r, task, m)).append('|');
        }
        sb.append('\n');
      }
    });
    return sb.toString();
  }

  /** The HTML page: a chart per top-level task, then the full table. */
  public String html() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>llamakit eval report"
        + "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child,td:nth-child(2){text-align:left}"
        + ".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}</style></head><body>\n"
        + "<h1>llamakit eval report</h1>\n<p class=\"legend\">");
    for (int i = 0; i < runs.size(); i++) {
      sb.append("<span style=\"background:").append(COLORS[i % COLORS.length]).append("\"></span>")
          .append(esc(runs.get(i).label()));
    }
    sb.append("</p>\n");
    for (Map.Entry<String, Set<String>> t : rows.entrySet()) {
      if (isSubtask(t.getKey())) {
        continue;
      }
      sb.append("<h2>").append(esc(t.getKey())).append("</h2>\n").append(chart(t.getKey(), new ArrayList<>(t.getValue())));
    }
    sb.append("<h2>All results</h2>\n<table><tr><th>Task</th><th>Metric</th>");
    runs.forEach(r -> sb.append("<th>").append(esc(r.label())).append("</th>"));
    sb.append("</tr>\n");
    rows.forEach((task, metrics) -> {
      for (String m : metrics) {
        sb.append("<tr><td>").append(esc(task)).append("</td><td>").append(esc(m)).append("</td>");
        runs.forEach(r -> sb.append("<td>").append(esc(cell(r, task, m))).append("</td>"));
        sb.append("</tr>\n");
      }
    });
    return sb.append("</table>\n</body></html>\n").toString();
  }

  private boolean isSubtask(String task) {
    for (String other : rows.keySet()) {
      if (!other.equals(task) && task.startsWith(other + "_")) {
        return true;
      }
    }
    return false;
  }

  private String chart(String task, List<String> metrics) {
    int bar = 18;
    int gap = 10;
    int label = 220;
    int width = 360;
    int height = metrics.size() * (runs.size() * bar + gap) + 20;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(label + width + 80).append("\" height=\"")
        .append(height).append("\" role=\"img\">\n");
    int y = 0;
    for (String m : metrics) {
      sb.append("<text x=\"0\" y=\"").append(y + runs.size() * bar / 2 + 5).append("\" font-size=\"12\">")
          .append(esc(m)).append("</text>\n");
      for (int i = 0; i < runs.size(); i++) {
        Double v = runs.get(i).values().getOrDefault(task, Map.of()).get(m);
        double w = v == null ? 0 : Math.max(0, Math.min(1, v)) * width;
        sb.append("<rect x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"")
            .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(bar - 2)
            .append("\" fill=\"").append(COLORS[i % COLORS.length]).append("\"><title>").append(esc(runs.get(i).label()))
            .append(": ").append(v == null ? "n/a" : fmt(v)).append("</title></rect>\n");
        sb.append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", label + w + 4)).append("\" y=\"")
            .append(y + bar - 5).append("\" font-size=\"11\">").append(v == null ? "n/a" : fmt(v)).append("</text>\n");
        y += bar;
      }
      y += gap;
    }
    return sb.append("</svg>\n").toString();
  }

  private static String cell(RunResults r, String task, String metric) {
    Double v = r.values().getOrDefault(task, Map.of()).get(metric);
    if (v == null) {
      return "–";
    }
    Double se = r.stderrs().getOrDefault(task, Map.of()).get(metric);
    return se == null ? fmt(v) : fmt(v) + " ± " + fmt(se);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
