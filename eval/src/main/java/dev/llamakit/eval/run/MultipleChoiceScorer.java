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
 * {@code acc_norm}. A partial-evaluation task (WinoGrande) asks one request per choice instead: context
 * {@code shots + choice}, continuation {@code target_delimiter + doc_to_target}, as lm-eval's multiple-input tasks.
 */
public final class MultipleChoiceScorer implements DocScorer {
  private final Task task;

  public MultipleChoiceScorer(Task task) {
    this.task = task;
  }

  /** The request of one planned document (a task whose choices share one context). */
  public LoglikelihoodRequest request(PlannedDoc p) {
    if (task.partial()) {
      throw new IllegalStateException("task " + task.name() + " asks one request per choice; use requests()");
    }
    return requests(p).getFirst();
  }

  /** The requests of one planned document: one, or one per choice for a partial-evaluation task. */
  public List<LoglikelihoodRequest> requests(PlannedDoc p) {
    // lm-eval: with a chat template the choice follows the rendered assistant opening directly
    String delimiter = p.messages() != null ? "" : task.spec().targetDelimiter();
    if (task.partial()) {
      String cont = delimiter + task.target(p.doc());
      List<LoglikelihoodRequest> out = new ArrayList<>();
      for (String c : task.choices(p.doc())) {
        ContextSplit.Pair pair = ContextSplit.of(p.context() + c, cont);
        out.add(new LoglikelihoodRequest(pair.context(), List.of(pair.continuation())));
      }
      return out;
    }
    List<String> conts = new ArrayList<>();
    String ctx = null;
    for (String c : task.choices(p.doc())) {
      ContextSplit.Pair pair = ContextSplit.of(p.context(), delimiter + c);
      ctx = pair.context();
      conts.add(pair.continuation());
    }
    return List.of(new LoglikelihoodRequest(ctx, conts));
  }

  @Override
  public List<ObjectNode> score(List<PlannedDoc> batch, LanguageModel model) {
    List<List<LoglikelihoodRequest>> perDoc = batch.stream().map(this::requests).toList();
    List<LoglikelihoodRequest> reqs = perDoc.stream().flatMap(List::stream).toList();
    List<List<Loglikelihood>> answers = model.loglikelihood(reqs);
    if (answers.size() != reqs.size()) {
      throw new IllegalStateException("model answered " + answers.size() + " of " + reqs.size() + " requests");
    }
    Optional<BitSet> cut = model.truncatedInLastCall();
    List<ObjectNode> out = new ArrayList<>(batch.size());
    int first = 0; // index of the document's first request in reqs
    for (int i = 0; i < batch.size(); i++) {
      PlannedDoc p = batch.get(i);
      List<String> choices = task.choices(p.doc());
      List<LoglikelihoodRequest> mine = perDoc.get(i);
      List<String[]> pairs = new ArrayList<>();
      List<Loglikelihood> lls = new ArrayList<>();
      boolean truncated = false;
      for (int k = 0; k < mine.size(); k++) {
        LoglikelihoodRequest q = mine.get(k);
        List<Loglikelihood> a = answers.get(first + k);
        if (a.size() != q.continuations().size()) {
          throw new IllegalStateException("model scored " + a.size() + " of " + q.continuations().size()
              + " continuations of " + p.doc().id());
        }
        for (int j = 0; j < a.size(); j++) {
          pairs.add(new String[] {q.context(), q.continuations().get(j)});
          lls.add(a.get(j));
        }
        truncated |= cut.isPresent() && cut.get().get(first + k);
      }
      first += mine.size();
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
        args.addArray().add(pairs.get(j)[0]).add(pairs.get(j)[1]);
        resps.addArray().add(lls.get(j).logprob()).add(lls.get(j).greedy());
        v[j] = lls.get(j).logprob();
      }
      r.put("filter", "none");
      if (cut.isPresent()) {
        r.put(DocScorer.TRUNCATED, truncated);
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
