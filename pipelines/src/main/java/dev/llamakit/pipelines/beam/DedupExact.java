package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.docdedup.ContentKey;
import dev.llamakit.pipelines.docdedup.ContentNormalizer;
import dev.llamakit.pipelines.docdedup.KeepRule;
import java.io.Serializable;

/**
 * The recipe step {@code dedup_exact}: exact document dedup on normalised content. Documents whose
 * {@code raw_content}, normalised by {@link ContentNormalizer} (NFC, whitespace collapsed, case kept by default), has
 * the same 128-bit {@link ContentKey} form a group; one is kept by the {@link KeepRule} (default: the first in input
 * order, the lowest {@code ordinal}) and the others are dropped as {@code EXACT_DUPLICATE} with detail
 * {@code duplicate of <kept id>}. A document whose normalised content is empty has nothing to duplicate: it passes
 * untouched and is counted ({@code dedup_exact.empty}; the {@code length} rule removes empty documents).
 *
 * <p>Distributed as {@link KeepOnePerKey}: keys and candidates shuffled to the key's owner, decisions joined back by
 * ordinal. Metrics: {@code dedup_exact.empty}, {@code dedup_exact.groups} (keys with two or more documents).
 */
public final class DedupExact extends OnePerKeyStep {
  /** The {@code dedup_exact} step's parameters. */
  public static final class Params implements Serializable {
    /** Unicode normal form before hashing: nfc, nfkc (also folds compatibility characters) or none. */
    public String unicode = "nfc";
    /** Every run of whitespace (line ends, no-break spaces too) counts as one space; leading and trailing go. */
    public boolean collapseWhitespace = true;
    /** Compare case-insensitively (lower-cased with the root locale). */
    public boolean lowercase = false;
    /** Which copy is kept: first (lowest ordinal), longest (raw content), newest (date_download). */
    public String keep = "first";
  }

  /** The recipe step {@code dedup_exact}. */
  public DedupExact(Params p) {
    super(step(p), "KeepOnePerContent");
  }

  private static KeepOnePerKey step(Params p) {
    ContentNormalizer normalizer = new ContentNormalizer(ContentNormalizer.Form.parse(p.unicode), p.lowercase,
        p.collapseWhitespace);
    return new KeepOnePerKey(new ExactKey(normalizer), KeepRule.parse(p.keep), DropReason.EXACT_DUPLICATE,
        (key, winner) -> "duplicate of " + winner.id(), MetricNames.DEDUP_EXACT_EMPTY,
        MetricNames.DEDUP_EXACT_GROUPS);
  }

  /** The hash of the normalised content; none when that is empty. */
  static final class ExactKey implements KeepOnePerKey.DocumentKey {
    private final ContentNormalizer normalizer;
    private transient ContentKey hasher;

    ExactKey(ContentNormalizer normalizer) {
      this.normalizer = normalizer;
    }

    @Override
    public String of(Document d) {
      String n = normalizer.normalize(d.rawContent());
      if (n.isEmpty()) {
        return null;
      }
      if (hasher == null) {
        hasher = new ContentKey();
      }
      return hasher.of(n);
    }
  }
}
