package dev.llamakit.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the llama.cpp model goldens of ../shared/golden (schema llama-golden-model/1). */
final class Golden {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  static List<JsonNode> records(String relative) throws IOException {
    Path p = SharedFiles.require("golden/" + relative);
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(p)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static int[] ints(JsonNode arr) {
    int[] a = new int[arr.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = arr.get(i).asInt();
    }
    return a;
  }

  /** log-softmax in double of logits[off .. off+n). */
  static double[] logSoftmax(float[] logits, int off, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, logits[off + i]);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(logits[off + i] - m);
    }
    double lse = m + Math.log(s);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = logits[off + i] - lse;
    }
    return out;
  }

  static int argmax(float[] a, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (a[off + i] > a[off + best]) {
        best = i;
      }
    }
    return best;
  }
}
