package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.List;

/** One step of an answer-extraction pipeline: maps a document's responses (one per repeat) to new responses. */
public interface FilterStep {
  List<String> apply(Doc doc, List<String> responses);
}
