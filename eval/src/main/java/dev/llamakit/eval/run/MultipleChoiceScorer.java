package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.metric.MultipleChoice;
import dev.llamakit.eval.model.ContextSplit;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.task.Task;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Scores multiple-choice documents: one {@link LoglikelihoodRequest} per document holding every choice as
 * {@code target_delimiter + choice} (after lm-eval's trailing-whitespace move), then {@code acc} and
 * {@code acc_norm}.
 */
public final class MultipleChoiceScorer implements DocScorer {
  private final Task task;

  public MultipleChoiceScorer(Task task) {
    this.task = task;
  }

  /** The request of one planned document. */
  public LoglikelihoodRequest request(PlannedDoc p) {
    List<String> conts = new ArrayList<>();
    String ctx = null;
    for (String c : task.choices(p.doc())) {
      // lm-eval: with a chat template the choice follows the rendered assistant opening directly
      String delimiter = p.messages() != null ? "" : task.spec().targetDelimiter();
      ContextSplit.Pair pair = ContextSplit.of(p.context(), delimiter + c);
      ctx = pair.context();
      conts.add(pair.continuation());
    }
    return new LoglikelihoodRequest(ctx, conts);
  }

  @Override
  public List<ObjectNode> score(List<PlannedDoc> batch, LanguageModel model) {
    List<LoglikelihoodRequest> reqs = batch.stream().map(this::request).toList();
    List<List<Loglikelihood>> answers = model.loglikelihood(reqs);
    if (answers.size() != reqs.size()) {
      throw new IllegalStateException("model answered " + answers.size() + " of " + reqs.size() + " requests");
    }
    Optional<BitSet> cut = model.truncatedInLastCall();
    List<ObjectNode> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      PlannedDoc p = batch.get(i);
      List<String> choices = task.choices(p.doc());
      List<Loglikelihood> lls = answers.get(i);
      if (lls.size() != choices.size()) {
        throw new IllegalStateException("model scored " + lls.size() + " of " + choices.size() + " continuations of "
            + p.doc().id());
      }
      int gold = task.gold(p.doc());
      ObjectNode r = DocScorer.base(p, Integer.toString(gold));
      ArrayNode args = r.putArray("arguments");
      ArrayNode resps = r.putArray("resps");
      double[] v = new double[lls.size()];
      for (int j = 0; j < lls.size(); j++) {
        args.addArray().add(reqs.get(i).context()).add(reqs.get(i).continuations().get(j));
        resps.addArray().add(lls.get(j).logprob()).add(lls.get(j).greedy());
        v[j] = lls.get(j).logprob();
      }
      r.put("filter", "none");
      if (cut.isPresent()) {
        r.put(DocScorer.TRUNCATED, cut.get().get(i));
      }
      ObjectNode m = r.putObject("metrics");
      for (var spec : task.spec().metrics()) {
        switch (spec.metric()) {
          case "acc" -> m.put("acc,none", MultipleChoice.acc(v, gold));
          case "acc_norm" -> m.put("acc_norm,none", MultipleChoice.accNorm(v, choices, gold));
          default -> throw new IllegalArgumentException("task " + task.name() + ": metric " + spec.metric()
              + " does not apply to multiple-choice tasks");
        }
      }
      out.add(r);
    }
    return out;
  }
}
