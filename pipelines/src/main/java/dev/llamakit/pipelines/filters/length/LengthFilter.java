package dev.llamakit.pipelines.filters.length;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;

/**
 * cc_net's read-time length rule: {@code raw_content} shorter than {@code min_length} code points (cc_net's
 * {@code min_len}, 300) is dropped as {@code TOO_SHORT}; longer than {@code max_length} as {@code TOO_LONG}.
 */
public final class LengthFilter implements DocumentFilter {
  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** Minimum {@code raw_content} length in code points (cc_net: 300). */
    public int minLength = 300;
    /** Maximum length; longer documents are dropped (protects workers from pathological records). */
    public long maxLength = 10_000_000L;
  }

  private final int min;
  private final long max;

  public LengthFilter(Params p) {
    if (p.minLength < 0 || p.maxLength < p.minLength) {
      throw new IllegalArgumentException("need 0 <= min_length <= max_length, got " + p.minLength + " and "
          + p.maxLength);
    }
    this.min = p.minLength;
    this.max = p.maxLength;
  }

  @Override
  public Verdict apply(Document d) {
    int len = PyText.len(d.rawContent());
    if (len < min) {
      return Verdict.drop(DropReason.TOO_SHORT, len + " < " + min + " characters");
    }
    if (len > max) {
      return Verdict.drop(DropReason.TOO_LONG, len + " > " + max + " characters");
    }
    return Verdict.keep();
  }
}
