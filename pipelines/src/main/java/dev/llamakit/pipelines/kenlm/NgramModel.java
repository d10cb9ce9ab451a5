package dev.llamakit.pipelines.kenlm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A backoff n-gram language model scored exactly as KenLM scores it (its {@code FullScore} and {@code ScoreSentence},
 * float32 throughout). Implementations are immutable once loaded and safe to score from many threads at once: all
 * scoring state lives in {@link NgramState} objects the caller owns.
 *
 * <p>Streaming use: {@link #newState()} twice, {@link #beginSentence}, then {@link #score(NgramState, int, NgramState)}
 * per word, swapping the two states. {@link #score(CharSequence)} does all of that for one line, the way
 * {@code kenlm.Model.score(line)} (bos and eos true) does.
 */
public interface NgramModel extends AutoCloseable {

  /** Loads {@code file}: KenLM's binary probing format (memory-mapped) or an ARPA file, gzip-compressed or not. */
  static NgramModel open(Path file) throws IOException {
    return KenLmBinaryModel.looksBinary(file) ? KenLmBinaryModel.open(file) : ArpaModel.load(file);
  }

  /** The n-gram order (5 for cc_net's models). */
  int order();

  /** Number of vocabulary indices, {@code <unk>} included (indices are {@code 0 .. vocabularySize()-1}). */
  int vocabularySize();

  /** KenLM's index of {@code word}: 0 ({@code <unk>}) when the word is not in the model. */
  default int index(CharSequence word) {
    byte[] utf8 = word.toString().getBytes(StandardCharsets.UTF_8);
    return index(utf8, 0, utf8.length);
  }

  /** KenLM's index of the word whose UTF-8 bytes are {@code utf8[off, off+len)}; 0 when unknown. */
  int index(byte[] utf8, int off, int len);

  /** The word with this index ({@code "<unk>"} for 0). */
  String word(int index);

  /** Index of {@code <s>}. */
  int beginSentenceIndex();

  /** Index of {@code </s>}. */
  int endSentenceIndex();

  /** A fresh state (empty context) sized for this model. */
  default NgramState newState() {
    return new NgramState(order());
  }

  /** Sets {@code state} to the context {@code <s>}, as KenLM's {@code BeginSentenceState}. */
  void beginSentence(NgramState state);

  /** Sets {@code state} to the empty context, as KenLM's {@code NullContextState}. */
  default void nullContext(NgramState state) {
    state.length = 0;
    state.ngramLength = 0;
  }

  /**
   * log10 p({@code word} | {@code in}), KenLM's {@code FullScore}: writes the next context to {@code out} (which must be
   * a different object than {@code in}) together with the matched n-gram length ({@link NgramState#ngramLength()}).
   * A word is out of vocabulary exactly when its index is 0.
   */
  float score(NgramState in, int word, NgramState out);

  /** The float32 log10 probability of the sentence {@code <s> words... </s>}. */
  default float scoreSentence(String[] words) {
    NgramState a = newState();
    NgramState b = newState();
    beginSentence(a);
    float total = 0f;
    for (String w : words) {
      total += score(a, index(w), b);
      NgramState t = a;
      a = b;
      b = t;
    }
    return total + score(a, endSentenceIndex(), b);
  }

  /**
   * The float32 log10 probability of the sentence {@code <s> words[0] .. words[count-1] </s>}, given as indices: the
   * same total as {@link #score(CharSequence)} of the line whose words have these indices. Implementations may be
   * faster than {@link #score(NgramState, int, NgramState)} per word.
   *
   * @throws IndexOutOfBoundsException when an index is outside {@code [0, vocabularySize())} or {@code count} is
   *     outside {@code [0, words.length]}
   */
  default float scoreSentence(int[] words, int count) {
    java.util.Objects.checkFromIndexSize(0, count, words.length);
    NgramState a = newState();
    NgramState b = newState();
    beginSentence(a);
    float total = 0f;
    for (int i = 0; i < count; i++) {
      total += score(a, words[i], b);
      NgramState t = a;
      a = b;
      b = t;
    }
    return total + score(a, endSentenceIndex(), b);
  }

  /**
   * {@code kenlm.Model.score(line)} with bos and eos: splits {@code tokenizedLine} on KenLM's whitespace
   * ({@link KenLmWords}), scores every word after {@code <s>} and then {@code </s>}, summing in float32.
   */
  default float score(CharSequence tokenizedLine) {
    byte[] bytes = tokenizedLine.toString().getBytes(StandardCharsets.UTF_8);
    int[] words = new int[16];
    int count = 0;
    int n = bytes.length;
    int i = 0;
    while (true) {
      while (i < n && KenLmWords.isSeparator(bytes[i])) {
        i++;
      }
      if (i == n) {
        break;
      }
      int start = i;
      while (i < n && !KenLmWords.isSeparator(bytes[i])) {
        i++;
      }
      if (count == words.length) {
        words = java.util.Arrays.copyOf(words, count * 2);
      }
      words[count++] = index(bytes, start, i - start);
    }
    return scoreSentence(words, count);
  }

  /** Releases what the model holds (the mapping of a binary file); scoring afterwards fails. */
  @Override
  void close();
}
