package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** lm-eval's {@code make_table} as Markdown: one row per task, filter and metric, value ± stderr. */
public final class SummaryTable {
  private SummaryTable() {}

  /** The Markdown tables (results, then groups when any) of a results.json tree. */
  public static String markdown(JsonNode results) {
    StringBuilder sb = new StringBuilder();
    sb.append(table(results, "results"));
    if (results.has("groups") && !results.get("groups").isEmpty()) {
      sb.append('\n').append(table(results, "groups"));
    }
    return sb.toString();
  }

  private static String table(JsonNode results, String section) {
    StringBuilder sb = new StringBuilder();
    sb.append("|Tasks|Version|Filter|n-shot|Metric| |Value| |Stderr|\n");
    sb.append("|-----|------:|------|-----:|------|---|----:|---|-----:|\n");
    for (Iterator<Map.Entry<String, JsonNode>> it = results.get(section).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> task = it.next();
      String name = task.getKey();
      String alias = task.getValue().path("alias").asText(name);
      String version = results.path("versions").path(name).asText("");
      String shots = results.path("n-shot").path(name).asText("");
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> m = task.getValue().fields(); m.hasNext(); ) {
        Map.Entry<String, JsonNode> e = m.next();
        String key = e.getKey();
        int comma = key.indexOf(',');
        if (comma < 0 || key.contains("_stderr,")) {
          continue;
        }
        String metric = key.substring(0, comma);
        String filter = key.substring(comma + 1);
        JsonNode se = task.getValue().get(metric + "_stderr," + filter);
        sb.append('|').append(first ? alias : "").append('|').append(first ? version : "").append('|').append(filter)
            .append('|').append(first ? shots : "").append('|').append(metric).append("|↑|")
            .append(fmt(e.getValue())).append("|±|").append(se == null ? "" : fmt(se)).append("|\n");
        first = false;
      }
    }
    return sb.toString();
  }

  private static String fmt(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.4f", v.asDouble()) : v.asText();
  }
}
