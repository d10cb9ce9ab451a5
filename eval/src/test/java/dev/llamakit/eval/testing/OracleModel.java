package dev.llamakit.eval.testing;

import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.model.ModelIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic {@link LanguageModel} for tests whose answers are derived from the documents: it recognises a
 * document by the end of the prompt (the document's own question text) and answers what the test told it to, so the
 * exact scores of a run can be computed by hand.
 *
 * <p>Multiple choice: the preferred continuation gets log-probability -0.5 (and is greedy), continuation j otherwise
 * -100 - j. Generation: the n-th request for a document returns the n-th scripted text (cycling), cut at the
 * request's stop strings as the contract requires. Rolling log-likelihood: a uniform byte model, -ln(256) per UTF-8
 * byte.
 */
public final class OracleModel implements LanguageModel {
  private final ModelIdentity identity;
  private final Map<String, Integer> preferred = new HashMap<>();
  private final Map<String, List<String>> scripts = new HashMap<>();
  private final Map<String, Integer> served = new HashMap<>();
  private final List<String> contexts = new ArrayList<>();

  public OracleModel(String name, String fileHash) {
    this.identity = new ModelIdentity(name, fileHash);
  }

  /** The document whose prompt ends with {@code questionText} prefers choice {@code choice}. */
  public OracleModel prefer(String questionText, int choice) {
    preferred.put(questionText, choice);
    return this;
  }

  /** The document whose prompt ends with {@code questionText} generates {@code texts}, one per request, cycling. */
  public OracleModel script(String questionText, List<String> texts) {
    scripts.put(questionText, List.copyOf(texts));
    return this;
  }

  /** Every context asked about, in order. */
  public List<String> contexts() {
    return contexts;
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  @Override
  public List<List<Loglikelihood>> loglikelihood(List<LoglikelihoodRequest> requests) {
    List<List<Loglikelihood>> out = new ArrayList<>();
    for (LoglikelihoodRequest r : requests) {
      contexts.add(r.context());
      int p = preferred.get(find(preferred, r.context()));
      List<Loglikelihood> lls = new ArrayList<>();
      for (int j = 0; j < r.continuations().size(); j++) {
        lls.add(j == p ? new Loglikelihood(-0.5, true) : new Loglikelihood(-100.0 - j, false));
      }
      out.add(lls);
    }
    return out;
  }

  @Override
  public List<Double> loglikelihoodRolling(List<String> texts) {
    return texts.stream().map(t -> -Math.log(256) * t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .toList();
  }

  @Override
  public List<String> generateUntil(List<GenerationRequest> requests) {
    List<String> out = new ArrayList<>();
    for (GenerationRequest r : requests) {
      contexts.add(r.context());
      String key = find(scripts, r.context());
      int n = served.merge(key, 1, Integer::sum) - 1;
      List<String> s = scripts.get(key);
      out.add(r.cutAtStop(s.get(n % s.size())));
    }
    return out;
  }

  private static String find(Map<String, ?> table, String context) {
    String best = null;
    for (String k : table.keySet()) {
      if (context.endsWith(k) && (best == null || k.length() > best.length())) {
        best = k;
      }
    }
    if (best == null) {
      throw new IllegalStateException("the oracle does not know the document of a prompt ending with: "
          + context.substring(Math.max(0, context.length() - 80)));
    }
    return best;
  }
}
