package dev.llamakit.eval.metric;

/**
 * The unbiased pass@k estimator of Chen et al. 2021: {@code 1 - C(n-c, k) / C(n, k)} for n samples of which c pass,
 * computed as openai/human-eval does, {@code 1 - prod_{i=n-c+1..n} (1 - k/i)}, which never forms a binomial.
 */
public final class PassAtK {
  private PassAtK() {}

  /** pass@k of one problem with {@code n} samples, {@code c} of them correct. */
  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
      throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n, got n=" + n + " c=" + c + " k=" + k);
    }
    if (n - c < k) {
      return 1.0;
    }
    double prod = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      prod *= 1.0 - (double) k / i;
    }
    return 1.0 - prod;
  }
}
