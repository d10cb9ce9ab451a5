package dev.llamakit.engine.inference;

import java.util.List;

/**
 * The stop-string half of {@link TextEngine}'s stop policy: takes generated text piece by piece and releases only
 * text that can no longer be part of a stop string, so a streamed reply never shows a stop string or its beginning.
 * When a stop string appears, everything before its first occurrence is released and the scanner reports
 * {@link #stopped()}; the stop string and what follows are dropped.
 *
 * <pre>{@code
 * StopScanner s = new StopScanner(List.of("\nUser:"));
 * out.print(s.accept("Hello\nUs"));   // "Hello" ("\nUs" could start the stop string: held back)
 * out.print(s.accept("er: hi"));      // "" and s.stopped() is true
 * }</pre>
 */
public final class StopScanner {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  /** A scanner for these stop strings (empty strings are ignored). */
  public StopScanner(List<String> stopStrings) {
    this.stops = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
  }

  /** Adds a piece of generated text; returns the text that is now safe to release (possibly empty). */
  public String accept(String piece) {
    if (stopped || piece.isEmpty()) {
      return "";
    }
    held.append(piece);
    int cut = firstStop();
    if (cut >= 0) {
      stopped = true;
      String out = held.substring(0, cut);
      held.setLength(0);
      return out;
    }
    int keep = longestStopPrefixSuffix();
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Releases what was held back at the end of generation (nothing once stopped). */
  public String flush() {
    String out = stopped ? "" : held.toString();
    held.setLength(0);
    return out;
  }

  /** True once a stop string has appeared. */
  public boolean stopped() {
    return stopped;
  }

  private int firstStop() {
    int best = -1;
    for (String s : stops) {
      int k = held.indexOf(s);
      if (k >= 0 && (best < 0 || k < best)) {
        best = k;
      }
    }
    return best;
  }

  /** Length of the longest suffix of the held text that is a proper prefix of some stop string. */
  private int longestStopPrefixSuffix() {
    int best = 0;
    String h = held.toString();
    int len = h.length();
    for (String s : stops) {
      for (int k = Math.min(len, s.length() - 1); k > best; k--) {
        if (h.regionMatches(len - k, s, 0, k)) {
          best = k;
          break;
        }
      }
    }
    return best;
  }
}
