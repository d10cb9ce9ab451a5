package dev.llamakit.pipelines.filters;

import java.io.Serializable;
import java.util.Objects;

/**
 * A rule as a recipe places it: its step name, the rule, and what the chain does with its verdicts.
 *
 * @param name the step's name in the recipe (e.g. {@code gopher_quality}); it names the rule in the report
 * @param filter the rule
 * @param signalsOnly never drop: a drop verdict only appends its reason to the document's {@code would_drop} list
 *     (RedPajama-V2 style: the rule's signal is written and data is selected downstream)
 * @param emitSignals attach the values the rule measured to the document
 */
public record FilterStep(String name, DocumentFilter filter, boolean signalsOnly, boolean emitSignals)
    implements Serializable {
  public FilterStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(filter, "filter");
  }

  /** A step that drops and writes no signals. */
  public static FilterStep of(String name, DocumentFilter filter) {
    return new FilterStep(name, filter, false, false);
  }
}
