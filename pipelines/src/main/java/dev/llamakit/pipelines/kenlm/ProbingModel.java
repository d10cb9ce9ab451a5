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

  private void checkWord(int word) {
    if (word < 0 || word >= vocabulary.bound()) {
      throw new IndexOutOfBoundsException("word index " + word + " outside the vocabulary [0, " + vocabulary.bound() + ")");
    }
  }

  private static boolean hasExtension(float backoff) {
    return Float.floatToRawIntBits(backoff) != NO_EXTENSION;
  }
}
