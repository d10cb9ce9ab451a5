package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.model.LanguageModel;
import java.util.List;

/**
 * Asks the model about a batch of planned documents and scores them into per-document records (lm-eval's sample
 * layout: {@code doc_id, doc, target, arguments, resps, filtered_resps, metrics}, plus the resume {@code key}).
 */
public sealed interface DocScorer permits MultipleChoiceScorer, GenerationScorer {
  ObjectMapper JSON = new ObjectMapper();

  /**
   * Record field: true when the document's prompt was cut to fit the model's context window; absent when the model
   * cannot tell ({@link LanguageModel#truncatedInLastCall()}).
   */
  String TRUNCATED = "truncated";

  /** One record per document, in batch order. */
  List<ObjectNode> score(List<PlannedDoc> batch, LanguageModel model);

  /** The record fields every scorer writes. */
  static ObjectNode base(PlannedDoc p, String target) {
    ObjectNode r = JSON.createObjectNode();
    r.put("key", p.key());
    r.put("task", p.subtask());
    r.put("doc_id", p.doc().index());
    r.put("doc_key", p.doc().id());
    r.set("doc", JSON.valueToTree(p.doc().fields()));
    r.put("target", target);
    return r;
  }
}
