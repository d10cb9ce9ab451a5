package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;

/** One step of an answer-extraction pipeline: maps a document's responses (one per repeat) to new responses. */
public interface FilterStep {
  List<String> apply(Doc doc, List<String> responses);

  /** A step that maps each response on its own, in order (most of lm-eval's filters). */
  interface EachResponse extends FilterStep {
    /** The new response for one response of {@code doc}. */
    String applyOne(Doc doc, String response);

    @Override
    default List<String> apply(Doc doc, List<String> responses) {
      List<String> out = new ArrayList<>(responses.size());
      for (String r : responses) {
        out.add(applyOne(doc, r));
      }
      return out;
    }
  }
}
