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

  /** The slot of {@code key} in the table of the highest order, or -1 when absent. */
  long findLongest(long key);

  /** The log10 probability stored in slot {@code slot} of the highest-order table. */
  float longestProbAt(long slot);

  /**
   * Where the probe for {@code key} starts in the table of n-grams of length {@code orderMinus2 + 2} (for
   * {@code orderMinus2 == order() - 2}, the highest order): KenLM's bucket {@code key mod buckets}, as a slot.
   * Together with {@link #storedKey} and {@link #probe} this splits a lookup so that a caller can read the home slots
   * of many keys before comparing any, letting the memory reads overlap.
   */
  long home(int orderMinus2, long key);

  /** The key stored in {@code slot} of that table (0: empty). */
  long storedKey(int orderMinus2, long slot);

  /**
   * The slot of {@code key} (or -1 when absent) by linear probing from its {@link #home}, whose stored key
   * {@code storedAtHome} the caller has already read: the same answer as {@link #findMiddle} or {@link #findLongest}.
   */
  long probe(int orderMinus2, long key, long home, long storedAtHome);
}
