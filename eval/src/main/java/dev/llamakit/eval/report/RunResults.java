package dev.llamakit.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.eval.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's results.json, flattened to {@code task -> "metric,filter" -> value}.
 *
 * @param label the run's name (its folder name and model)
 * @param values task to metric key to value (standard errors left out)
 * @param stderrs task to metric key to standard error, where reported
 */
public record RunResults(String label, Map<String, Map<String, Double>> values,
    Map<String, Map<String, Double>> stderrs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code dir/results.json}; a missing or malformed file is an error naming it. */
  public static RunResults load(Path dir) {
    Path f = Files.isDirectory(dir) ? dir.resolve("results.json") : dir;
    if (!Files.isRegularFile(f)) {
      throw new DataFormatException(f, 0, "no such file (run folder " + dir + " holds no results.json; run 'llamakit"
          + " eval run' first)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(TextLines.readAll(f));
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new DataFormatException(f, line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run results " + f + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("results").isObject()) {
      throw new DataFormatException(f, 0, "no 'results' object (not an lm-eval / llamakit results.json)");
    }
    Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    Map<String, Map<String, Double>> errs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("results").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      Map<String, Double> v = new LinkedHashMap<>();
      Map<String, Double> se = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> m = t.getValue().fields(); m.hasNext(); ) {
        Map.Entry<String, JsonNode> e = m.next();
        if (!e.getKey().contains(",") || !e.getValue().isNumber()) {
          continue;
        }
        if (e.getKey().contains("_stderr,")) {
          se.put(e.getKey().replace("_stderr,", ","), e.getValue().asDouble());
        } else {
          v.put(e.getKey(), e.getValue().asDouble());
        }
      }
      values.put(t.getKey(), v);
      errs.put(t.getKey(), se);
    }
    String model = root.path("config").path("model_name").asText("");
    String name = (Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent()).getFileName().toString();
    return new RunResults(model.isEmpty() || model.equals(name) ? name : name + " (" + model + ")", values, errs);
  }
}
