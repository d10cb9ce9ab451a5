package dev.llamakit.eval.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HF evaluate's {@code exact_match} as lm-eval configures it: remove each {@code regexes_to_ignore} match from both
 * prediction and reference (in order), then optionally lowercase and drop ASCII punctuation, then compare.
 */
public final class ExactMatch {
  private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

  private final List<Pattern> ignore;
  private final boolean ignoreCase;
  private final boolean ignorePunctuation;

  public ExactMatch(List<String> regexesToIgnore, boolean ignoreCase, boolean ignorePunctuation) {
    List<Pattern> p = new ArrayList<>();
    for (String r : regexesToIgnore == null ? List.<String>of() : regexesToIgnore) {
      p.add(Pattern.compile(r));
    }
    this.ignore = List.copyOf(p);
    this.ignoreCase = ignoreCase;
    this.ignorePunctuation = ignorePunctuation;
  }

  /** 1.0 when {@code prediction} matches {@code reference} after normalisation, else 0.0. */
  public double score(String prediction, String reference) {
    return normalize(prediction).equals(normalize(reference)) ? 1.0 : 0.0;
  }

  /** The normalised form compared. */
  public String normalize(String s) {
    for (Pattern p : ignore) {
      s = p.matcher(s).replaceAll("");
    }
    if (ignoreCase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    if (ignorePunctuation) {
      s = PUNCTUATION.matcher(s).replaceAll("");
    }
    return s;
  }
}
