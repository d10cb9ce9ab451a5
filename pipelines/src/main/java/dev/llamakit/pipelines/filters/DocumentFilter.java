package dev.llamakit.pipelines.filters;

import dev.llamakit.pipelines.doc.Document;
import java.io.IOException;
import java.io.Serializable;

/**
 * One rule of a corpus recipe: a pure function of a document that keeps it (possibly with fields added) or drops it
 * under a named reason, and may report measured values as signals. No Beam types: the same rule runs in the Beam
 * step {@code ApplyFilters}, in the benchmark's plain loop and in unit tests.
 *
 * <p>A rule is built from its parameters once per recipe, serialised to every worker, then {@link #open()}ed once
 * per worker before the first document (load models there, into transient fields) and {@link #close()}d at the end.
 * {@link #apply} may be called from several threads on one instance after {@code open}.
 *
 * <pre>{@code
 * final class NoLoremIpsum implements DocumentFilter {
 *   static final DropReason LOREM_IPSUM = DropReason.of("C4_LOREM_IPSUM");
 *   public Verdict apply(Document d) {
 *     return d.rawContent().toLowerCase(Locale.ROOT).contains("lorem ipsum")
 *         ? Verdict.drop(LOREM_IPSUM, "contains 'lorem ipsum'") : Verdict.keep();
 *   }
 * }
 * }</pre>
 */
public interface DocumentFilter extends Serializable {
  /** Decides on one document; never null. */
  Verdict apply(Document doc);

  /** Loads what the rule needs on a worker (models, tables); called once before the first {@link #apply}. */
  default void open() throws IOException {}

  /** Releases what {@link #open()} loaded. */
  default void close() {}
}
