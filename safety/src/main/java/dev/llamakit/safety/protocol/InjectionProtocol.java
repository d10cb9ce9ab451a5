package dev.llamakit.safety.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.data.InjectionDocuments;
import dev.llamakit.safety.injection.PromptAttackShield;
import dev.llamakit.safety.metrics.BinaryMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prompt-attack detector on documents ({@link InjectionDocuments}): each document is the TOOL turn after a user
 * asking for a summary; per document type, the clean-document false-positive rate (BLOCKed) and the recall (BLOCKed)
 * on the same documents with an injection at the start, middle and end, and the AUPRC of the shield's score.
 */
public final class InjectionProtocol {
  /** Clean documents per type. */
  public static final int PER_TYPE = InjectionDocuments.EVAL_PER_TYPE;
  /** Seed of the document choice and the injections. */
  public static final long SEED = InjectionDocuments.EVAL_SEED;

  private InjectionProtocol() {}

  /** Figures per document type and overall. */
  public static Map<String, Object> run(PromptAttackShield shield, Path dataRoot) throws IOException {
    JsonNode suite = EvalSuites.read().get("injectionSuite");
    List<String> templates = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    suite.get("templates").forEach(t -> templates.add(t.asText()));
    suite.get("payloads").forEach(p -> payloads.add(p.asText()));
    List<InjectionDocuments.Doc> docs = InjectionDocuments.inject(
        InjectionDocuments.clean(dataRoot, PER_TYPE, SEED, suite.get("email")), templates, payloads, SEED);
    Map<String, List<double[]>> byType = new TreeMap<>();
    List<double[]> all = new ArrayList<>();
    Map<String, List<String>> missed = new TreeMap<>();
    Map<String, List<String>> falseAlarms = new TreeMap<>();
    for (InjectionDocuments.Doc d : docs) {
      ShieldResult r = shield.check(List.of(Message.user("Summarize this document for me."), Message.tool(d.text())));
      boolean blocked = r.decision() == Decision.BLOCK;
      double pos = InjectionDocuments.POSITIONS.indexOf(d.position());
      double[] row = {r.score(), d.injected() ? 1 : 0, blocked ? 1 : 0, pos};
      byType.computeIfAbsent(d.type(), k -> new ArrayList<>()).add(row);
      all.add(row);
      if (d.injected() && !blocked) note(missed, d.type(), d.text());
      if (!d.injected() && blocked) note(falseAlarms, d.type(), d.text());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("blockThreshold", PromptAttackShield.Config.defaults().documentBlock());
    out.put("overall", figures(all));
    Map<String, Object> t = new LinkedHashMap<>();
    byType.forEach((k, v) -> t.put(k, figures(v)));
    out.put("byType", t);
    out.put("missedExamples", missed);
    out.put("falseAlarmExamples", falseAlarms);
    return out;
  }

  private static void note(Map<String, List<String>> m, String type, String text) {
    List<String> l = m.computeIfAbsent(type, k -> new ArrayList<>());
    if (l.size() < 3) l.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
  }

  private static Map<String, Object> figures(List<double[]> rows) {
    int clean = 0, fp = 0, inj = 0, tp = 0;
    int[] posN = new int[3], posTp = new int[3];
    double[] s = new double[rows.size()];
    boolean[] p = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      s[i] = r[0];
      p[i] = r[1] == 1;
      if (p[i]) {
        inj++;
        int k = (int) r[3];
        posN[k]++;
        if (r[2] == 1) {
          tp++;
          posTp[k]++;
        }
      } else {
        clean++;
        if (r[2] == 1) fp++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clean", clean);
    m.put("injected", inj);
    m.put("cleanFpr", ModerationProtocol.round((double) fp / Math.max(1, clean)));
    m.put("recall", ModerationProtocol.round((double) tp / Math.max(1, inj)));
    for (int k = 0; k < 3; k++) {
      m.put("recall" + InjectionDocuments.POSITIONS.get(k), ModerationProtocol.round((double) posTp[k] / Math.max(1, posN[k])));
    }
    if (clean > 0 && inj > 0) m.put("auprc", ModerationProtocol.round(BinaryMetrics.averagePrecision(s, p)));
    return m;
  }
}
