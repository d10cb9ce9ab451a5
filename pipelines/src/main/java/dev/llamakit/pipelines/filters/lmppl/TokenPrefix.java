package dev.llamakit.pipelines.filters.lmppl;

import dev.llamakit.engine.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * The first tokens of a text without tokenizing all of a long text: the text is cut at {@value #CHARS_PER_TOKEN}
 * characters per wanted token and tokenized; when that cut yields at least {@value #MARGIN} tokens more than wanted,
 * the wanted ones lie well before the cut and are returned (SentencePiece merges and BPE pre-token splits decide a
 * boundary from nearby characters only, so a cut {@value #MARGIN} tokens away does not move it; the tests compare
 * with whole-text tokenization). Otherwise (tokens longer than the bound, as in long runs of spaces) the whole text is tokenized, so the
 * result is always the prefix of the whole text's tokens.
 */
final class TokenPrefix {
  static final int CHARS_PER_TOKEN = 8;
  static final int MARGIN = 16;

  private TokenPrefix() {}

  /** At most {@code limit} token ids of {@code text} (no BOS or EOS added, special-token text not parsed). */
  static int[] of(Tokenizer tokenizer, String text, int limit) {
    long cut = ((long) limit + MARGIN) * CHARS_PER_TOKEN;
    if (text.length() > cut) {
      int end = (int) cut;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      int[] ids = tokenizer.encode(text.substring(0, end), false, false);
      if (ids.length >= limit + MARGIN) {
        return Arrays.copyOf(ids, limit);
      }
    }
    int[] ids = tokenizer.encode(text, false, false);
    return ids.length > limit ? Arrays.copyOf(ids, limit) : ids;
  }
}
