package dev.llamakit.pipelines.kenlm;

/**
 * The n-gram store KenLM's probing model scores from: unigrams indexed by word id, one hash table per middle order
 * (2 .. order-1) holding (key, prob, backoff), and one for the highest order holding (key, prob). Keys are
 * {@link NgramHash} chains. Probabilities are raw float bits as KenLM keeps them: the sign bit is <em>clear</em> when
 * a longer n-gram ends with this one (it "extends left"), set otherwise; the true log10 probability is the value with
 * the sign bit set. A backoff of {@code -0.0f} means no longer n-gram has this one as context.
 */
interface ProbingTables {
  /** Sign bit of a float, as KenLM's flag "does not extend left". */
  int SIGN = 0x80000000;

  int order();

  int unigramProbBits(int word);

  float unigramBackoff(int word);

  /** The slot of {@code key} in the table of n-grams of length {@code orderMinus2 + 2}, or -1 when absent. */
  long findMiddle(int orderMinus2, long key);

  int middleProbBits(int orderMinus2, long slot);

  float middleBackoff(int orderMinus2, long slot);

  /** The log10 probability of the highest-order n-gram with this key, or NaN when absent. */
  float longestProb(long key);
}
