package dev.llamakit.pipelines.filters;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a list of rules in order: the first drop ends the chain (one document, one reason), a kept document goes
 * on as the rule changed it, and signals-only rules record what they would have dropped in the document's
 * {@value #WOULD_DROP} signal. The Beam step {@code ApplyFilters} and the benchmark's plain loop both run this class,
 * so the two can never disagree.
 *
 * <pre>{@code
 * FilterChain chain = new FilterChain(List.of(FilterStep.of("length", new LengthFilter(params))));
 * chain.open();
 * FilterChain.Outcome o = chain.apply(doc);   // o.kept() or o.drop()
 * }</pre>
 */
public final class FilterChain implements Serializable {
  /** The signal listing the reasons of signals-only rules that would have dropped the document. */
  public static final String WOULD_DROP = "would_drop";

  private final List<FilterStep> steps;

  public FilterChain(List<FilterStep> steps) {
    this.steps = List.copyOf(steps);
  }

  public List<FilterStep> steps() {
    return steps;
  }

  /**
   * What the chain did with one document.
   *
   * @param kept the document as the rules left it, or null when dropped
   * @param drop the drop, or null when kept
   * @param wouldDrop reasons of signals-only rules that fired
   */
  public record Outcome(Document kept, Drop drop, List<DropReason> wouldDrop) {}

  /** Opens every rule; on a failure the ones already opened are closed again. */
  public void open() throws IOException {
    List<FilterStep> opened = new ArrayList<>();
    try {
      for (FilterStep s : steps) {
        s.filter().open();
        opened.add(s);
      }
    } catch (IOException | RuntimeException e) {
      for (FilterStep s : opened) {
        s.filter().close();
      }
      throw e;
    }
  }

  public void close() {
    for (FilterStep s : steps) {
      s.filter().close();
    }
  }

  /** Runs the rules on one document. */
  public Outcome apply(Document doc) {
    Document d = doc;
    List<DropReason> would = List.of();
    for (FilterStep s : steps) {
      Verdict v = s.filter().apply(d);
      if (v.changed() != null) {
        d = v.changed();
      }
      if (s.emitSignals() && !v.signals().isEmpty()) {
        d = d.withSignals(d.signals().withAll(v.signals()));
      }
      if (!v.kept()) {
        if (!s.signalsOnly()) {
          return new Outcome(null, new Drop(d.id(), d.url(), v.reason(), v.detail()), would);
        }
        d = d.withSignals(d.signals().append(WOULD_DROP, v.reason().name()));
        if (would.isEmpty()) {
          would = new ArrayList<>();
        }
        would.add(v.reason());
      }
    }
    return new Outcome(d, null, would);
  }
}
