package dev.llamakit.eval.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HF evaluate's {@code exact_match} as lm-eval configures it: remove each {@code regexes_to_ignore} match from both
 * prediction and reference (in order), then optionally lowercase and drop ASCII punctuation, then compare. The
 * regexes are compiled with Unicode character classes, as Python's {@code re} treats {@code \b}, {@code \w},
 * {@code \d} and {@code \s} in str patterns (nq_open's {@code \b(?:The |the |...)}).
 */
public final class ExactMatch {
  private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

  private final List<Pattern> ignore;
  private final boolean ignoreCase;
  private final boolean ignorePunctuation;

  public ExactMatch(List<String> regexesToIgnore, boolean ignoreCase, boolean ignorePunctuation) {
    List<Pattern> p = new ArrayList<>();
    for (String r : regexesToIgnore == null ? List.<String>of() : regexesToIgnore) {
      p.add(Pattern.compile(r, Pattern.UNICODE_CHARACTER_CLASS));
    }
    this.ignore = List.copyOf(p);
    this.ignoreCase = ignoreCase;
    this.ignorePunctuation = ignorePunctuation;
  }

  /** 1.0 when {@code prediction} matches {@code reference} after normalisation, else 0.0. */
  public double score(String prediction, String reference) {
    return normalize(prediction).equals(normalize(reference)) ? 1.0 : 0.0;
  }

  /**
   * lm-eval's multiple-target exact match: 1.0 when {@code prediction} matches any of {@code references} (it scores
   * the prediction against each and reports 1 when the mean is above 0).
   */
  public double scoreAny(String prediction, List<String> references) {
    String p = normalize(prediction);
    for (String r : references) {
      if (p.equals(normalize(r))) {
        return 1.0;
      }
    }
    return 0.0;
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
