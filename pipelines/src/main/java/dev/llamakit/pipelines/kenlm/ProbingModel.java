package dev.llamakit.pipelines.kenlm;

/**
 * KenLM's probing-model scoring ({@code GenericModel::FullScore} with {@code HashedSearch<BackoffValue>}) over any
 * {@link ProbingTables}: the ARPA loader and the binary reader differ only in where the tables live.
 */
abstract sealed class ProbingModel implements NgramModel permits ArpaModel, KenLmBinaryModel {
  private static final int NO_EXTENSION = Float.floatToRawIntBits(-0.0f);

  private final ProbingTables tables;
  private final Vocabulary vocabulary;
  private final int order;
  private final int beginSentence;
  private final int endSentence;
  private final float beginSentenceBackoff;

  ProbingModel(ProbingTables tables, Vocabulary vocabulary) {
    this.tables = tables;
    this.vocabulary = vocabulary;
    this.order = tables.order();
    this.beginSentence = vocabulary.index(new byte[] {'<', 's', '>'}, 0, 3);
    this.endSentence = vocabulary.index(new byte[] {'<', '/', 's', '>'}, 0, 4);
    this.beginSentenceBackoff = tables.unigramBackoff(beginSentence);
  }

  @Override
  public final int order() {
    return order;
  }

  @Override
  public final int vocabularySize() {
    return vocabulary.bound();
  }

  @Override
  public final int index(byte[] utf8, int off, int len) {
    return vocabulary.index(utf8, off, len);
  }

  @Override
  public final String word(int index) {
    checkWord(index);
    return vocabulary.word(index);
  }

  @Override
  public final int beginSentenceIndex() {
    return beginSentence;
  }

  @Override
  public final int endSentenceIndex() {
    return endSentence;
  }

  @Override
  public final void beginSentence(NgramState state) {
    state.words[0] = beginSentence;
    state.backoffs[0] = beginSentenceBackoff;
    state.length = 1;
    state.ngramLength = 0;
  }

  @Override
  public final float score(NgramState in, int word, NgramState out) {
    if (in == out) {
      throw new IllegalArgumentException("in and out must be different NgramState objects");
    }
    checkWord(word);
    int probBits = tables.unigramProbBits(word);
    float backoff = tables.unigramBackoff(word);
    out.backoffs[0] = backoff;
    boolean independentLeft = probBits < 0;
    float prob = Float.intBitsToFloat(probBits | ProbingTables.SIGN);
    int outLength = hasExtension(backoff) ? 1 : 0;
    int matched = 1;
    long key = NgramHash.start(word);
    int inLength = in.length;
    for (int i = 0; i < inLength && !independentLeft; i++) {
      key = NgramHash.extend(key, in.words[i]);
      if (i == order - 2) {
        float longest = tables.longestProb(key);
        if (!Float.isNaN(longest)) {
          prob = longest;
          matched = order;
        }
        break;
      }
      long slot = tables.findMiddle(i, key);
      if (slot < 0) {
        break;
      }
      int bits = tables.middleProbBits(i, slot);
      float b = tables.middleBackoff(i, slot);
      out.backoffs[i + 1] = b;
      prob = Float.intBitsToFloat(bits | ProbingTables.SIGN);
      independentLeft = bits < 0;
      matched = i + 2;
      if (hasExtension(b)) {
        outLength = i + 2;
      }
    }
    out.words[0] = word;
    if (outLength > 1) {
      System.arraycopy(in.words, 0, out.words, 1, outLength - 1);
    }
    out.length = outLength;
    out.ngramLength = matched;
    for (int j = matched - 1; j < inLength; j++) {
      prob += in.backoffs[j];
    }
    return prob;
  }

  /** Words per block of {@link #scoreSentence(int[], int)}: their table reads are issued together. */
  private static final int BLOCK = 64;

  /**
   * {@link #score(NgramState, int, NgramState)} word after word, restated as one loop over plain arrays, with the
   * same float operations in the same order. The memory reads come first, a block of words at a time: a state's
   * words are always the most recent words of the sentence, so the key of every n-gram a word's lookup may need
   * (the word with its 1 .. order-1 predecessors, back to {@code <s>}) is known before scoring, and the home slots of
   * a whole block are read before any is compared. The lookups then find their slots in cache.
   */
  @Override
  public final float scoreSentence(int[] words, int count) {
    java.util.Objects.checkFromIndexSize(0, count, words.length);
    if (order < 2) {
      return NgramModel.super.scoreSentence(words, count);
    }
    int ctx = order - 1;
    int bound = vocabulary.bound();
    for (int i = 0; i < count; i++) {
      if (words[i] < 0 || words[i] >= bound) {
        checkWord(words[i]);
      }
    }
    int[] inWords = new int[ctx];
    float[] inBackoffs = new float[ctx];
    int[] outWords = new int[ctx];
    float[] outBackoffs = new float[ctx];
    int block = Math.min(BLOCK, count + 1);
    long[] keys = new long[block * ctx];
    long[] homes = new long[block * ctx];
    long[] stored = new long[block * ctx];
    inWords[0] = beginSentence;
    inBackoffs[0] = beginSentenceBackoff;
    int inLength = 1;
    float total = 0f;
    for (int from = 0; from <= count; from += block) {
      int to = Math.min(count + 1, from + block);
      // 1. keys and home slots of every n-gram a word of the block may look up
      for (int m = from; m < to; m++) {
        int word = m < count ? words[m] : endSentence;
        int at = (m - from) * ctx;
        int avail = Math.min(ctx, m + 1);
        long key = NgramHash.start(word);
        for (int i = 0; i < avail; i++) {
          int j = m - 1 - i;
          key = NgramHash.extend(key, j < 0 ? beginSentence : words[j]);
          keys[at + i] = key;
          homes[at + i] = tables.home(i, key);
        }
      }
      // 2. the keys stored there: independent reads the CPU keeps in flight together
      for (int m = from; m < to; m++) {
        int at = (m - from) * ctx;
        int avail = Math.min(ctx, m + 1);
        for (int i = 0; i < avail; i++) {
          stored[at + i] = tables.storedKey(i, homes[at + i]);
        }
      }
      // 3. KenLM's FullScore per word
      for (int m = from; m < to; m++) {
        int word = m < count ? words[m] : endSentence;
        int at = (m - from) * ctx;
        int probBits = tables.unigramProbBits(word);
        float backoff = tables.unigramBackoff(word);
        outBackoffs[0] = backoff;
        boolean independentLeft = probBits < 0;
        float prob = Float.intBitsToFloat(probBits | ProbingTables.SIGN);
        int outLength = hasExtension(backoff) ? 1 : 0;
        int matched = 1;
        for (int i = 0; i < inLength && !independentLeft; i++) {
          long slot = tables.probe(i, keys[at + i], homes[at + i], stored[at + i]);
          if (i == order - 2) {
            if (slot >= 0) {
              prob = tables.longestProbAt(slot);
              matched = order;
            }
            break;
          }
          if (slot < 0) {
            break;
          }
          int bits = tables.middleProbBits(i, slot);
          float b = tables.middleBackoff(i, slot);
          outBackoffs[i + 1] = b;
          prob = Float.intBitsToFloat(bits | ProbingTables.SIGN);
          independentLeft = bits < 0;
          matched = i + 2;
          if (hasExtension(b)) {
            outLength = i + 2;
          }
        }
        outWords[0] = word;
        if (outLength > 1) {
          System.arraycopy(inWords, 0, outWords, 1, outLength - 1);
        }
        for (int j = matched - 1; j < inLength; j++) {
          prob += inBackoffs[j];
        }
        total += prob;
        int[] tw = inWords;
        inWords = outWords;
        outWords = tw;
        float[] tb = inBackoffs;
        inBackoffs = outBackoffs;
        outBackoffs = tb;
        inLength = outLength;
      }
    }
    return total;
  }

  private void checkWord(int word) {
    if (word < 0 || word >= vocabulary.bound()) {
      throw new IndexOutOfBoundsException("word index " + word + " outside the vocabulary [0, " + vocabulary.bound() + ")");
    }
  }

  private static boolean hasExtension(float backoff) {
    return Float.floatToRawIntBits(backoff) != NO_EXTENSION;
  }
}
