package dev.llamakit.pipelines.filters.github;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;

/**
 * RPv1's GitHub file rules ({@code github_run_filter.py}), in its order, on the cleaned file: empty files go
 * ({@code GITHUB_EMPTY}); the longest line over {@code max_line_length} (1000) code points
 * ({@code GITHUB_LONG_LINE}); the mean line length, {@code len(content) / number of lines}, over
 * {@code max_mean_line_length} (100) ({@code GITHUB_LONG_MEAN_LINE}); alphanumeric code points under
 * {@code min_alnum_fraction} (0.25) of all ({@code GITHUB_LOW_ALNUM}); alphabetic code points per token under
 * {@code min_alpha_per_token} (1.5) ({@code GITHUB_LOW_ALPHA_PER_TOKEN}).
 *
 * <p>One difference, by necessity: RPv1 counted tokens with Pythia-6.9B's BPE tokenizer, which llamakit does not
 * ship; here tokens are GPT-NeoX pre-tokens (see {@code CodeLines.preTokens}), a lower bound of Pythia's count, so
 * the ratio is at least RPv1's and this rule drops no file RPv1 kept (it may keep a few RPv1 dropped). Signals:
 * {@code max_line_length, avg_line_length, alnum_prop} (RPv1's names) and {@code alpha_per_token}.
 */
public final class GithubQualityFilter implements DocumentFilter {
  public static final DropReason EMPTY = DropReason.of("GITHUB_EMPTY");
  public static final DropReason LONG_LINE = DropReason.of("GITHUB_LONG_LINE");
  public static final DropReason LONG_MEAN_LINE = DropReason.of("GITHUB_LONG_MEAN_LINE");
  public static final DropReason LOW_ALNUM = DropReason.of("GITHUB_LOW_ALNUM");
  public static final DropReason LOW_ALPHA_PER_TOKEN = DropReason.of("GITHUB_LOW_ALPHA_PER_TOKEN");

  /** The rule's parameters (RPv1's thresholds). */
  public static final class Params implements Serializable {
    public int maxLineLength = 1000;
    public double maxMeanLineLength = 100;
    public double minAlnumFraction = 0.25;
    public double minAlphaPerToken = 1.5;
  }

  private final Params p;

  public GithubQualityFilter(Params p) {
    this.p = p;
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    if (text.isEmpty()) {
      return Verdict.drop(EMPTY, "empty file");
    }
    CodeLines.Stats s = CodeLines.of(text);
    double mean = s.lines() == 0 ? 0 : (double) s.codePoints() / s.lines();
    double alnum = (double) s.alnum() / s.codePoints();
    long tokens = CodeLines.preTokens(text);
    double alphaPerToken = tokens == 0 ? 0 : (double) s.alpha() / tokens;
    Verdict v;
    if (s.maxLine() > p.maxLineLength) {
      v = Verdict.drop(LONG_LINE, "longest line " + s.maxLine() + " > " + p.maxLineLength);
    } else if (mean > p.maxMeanLineLength) {
      v = Verdict.drop(LONG_MEAN_LINE, String.format("mean line length %.2f > %s", mean, p.maxMeanLineLength));
    } else if (alnum < p.minAlnumFraction) {
      v = Verdict.drop(LOW_ALNUM, String.format("alphanumeric fraction %.4f < %s", alnum, p.minAlnumFraction));
    } else if (alphaPerToken < p.minAlphaPerToken) {
      v = Verdict.drop(LOW_ALPHA_PER_TOKEN, String.format("%.4f letters per token < %s", alphaPerToken,
          p.minAlphaPerToken));
    } else {
      v = Verdict.keep();
    }
    return v.signal("max_line_length", (long) s.maxLine()).signal("avg_line_length", mean)
        .signal("alnum_prop", alnum).signal("alpha_per_token", alphaPerToken);
  }
}
