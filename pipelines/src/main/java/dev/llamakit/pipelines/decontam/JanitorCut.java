package dev.llamakit.pipelines.decontam;

import java.util.ArrayList;
import java.util.List;

/**
 * GPT-3's removal rule as lm-evaluation-harness's {@code Janitor._split_chunks} applies it to a training document:
 * every matched n-gram is cut out together with {@code window} characters on each side; the pieces between cuts are
 * kept when longer than {@code minSlice} characters; a document with more than {@code tooDirty} matched n-grams is
 * dropped whole (the janitor returns no pieces). Positions are code points, as Python indexes strings.
 *
 * <p>The janitor's exact arithmetic is kept: a match spans its first to its last character (inclusive end), the
 * window is clipped to the text, a piece before a cut is {@code [previous cut end, cut start)} and kept only when
 * strictly longer than {@code minSlice}, and the tail after the last cut is {@code [end + 1, length)}, kept when the
 * cut ends more than {@code minSlice} characters before the end. Overlapping n-grams each count as a match (a
 * contaminated passage of k words holds k - n + 1 of them).
 *
 * <pre>{@code
 * JanitorCut cut = new JanitorCut(200, 200, 10);
 * JanitorCut.Outcome o = cut.apply(text, List.of(new int[] {start, endInclusive}));
 * if (o.tooDirty()) drop(); else keep(String.join("\n", o.pieces()));
 * }</pre>
 */
public final class JanitorCut implements java.io.Serializable {
  private final int window;
  private final int minSlice;
  private final int tooDirty;

  /** The janitor's defaults (GPT-3): 200, 200, 10. */
  public JanitorCut(int window, int minSlice, int tooDirty) {
    if (window < 0 || minSlice < 0 || tooDirty < 0) {
      throw new IllegalArgumentException("window, min_slice and too_dirty must be 0 or more");
    }
    this.window = window;
    this.minSlice = minSlice;
    this.tooDirty = tooDirty;
  }

  /**
   * What remains of a document.
   *
   * @param pieces the kept pieces in order (empty when too dirty or nothing long enough remained)
   * @param tooDirty more than {@code tooDirty} matches
   */
  public record Outcome(List<String> pieces, boolean tooDirty) {}

  /**
   * Cuts {@code matches} (each {@code {first, last}} code-point offsets of a matched n-gram, inclusive, in text
   * order) out of {@code text}.
   */
  public Outcome apply(String text, List<int[]> matches) {
    int[] cps = text.codePoints().toArray();
    int len = cps.length;
    List<String> pieces = new ArrayList<>();
    int splice = 0;
    int end = -1;
    for (int i = 0; i < matches.size(); i++) {
      if (i >= tooDirty) {
        return new Outcome(List.of(), true);
      }
      int start = Math.max(0, matches.get(i)[0] - window);
      end = Math.min(len, matches.get(i)[1] + window);
      if (start - splice > minSlice) {
        pieces.add(new String(cps, splice, start - splice));
      }
      splice = end;
    }
    if (end < len - minSlice) {
      pieces.add(new String(cps, end + 1, len - end - 1));
    }
    return new Outcome(List.copyOf(pieces), false);
  }
}
