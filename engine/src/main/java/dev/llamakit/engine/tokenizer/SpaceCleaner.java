package dev.llamakit.engine.tokenizer;

import java.util.Arrays;

/**
 * llama.cpp's {@code clean_spaces} detokenizer passes (Hugging Face's {@code clean_up_tokenization_spaces}): removes
 * the space before {@code ? ! . ,}, before the contractions {@code 's 'm 're 've} (not {@code 'll}) and before {@code n't}.
 *
 * <p>Each pass looks at the text as it was before that pass; the three passes run in llama.cpp's order.
 */
final class SpaceCleaner {
  private SpaceCleaner() {}

  static byte[] clean(byte[] t) {
    t = punctuation(t);
    t = apostrophes(t);
    return nt(t);
  }

  private static byte[] punctuation(byte[] t) {
    byte[] o = new byte[t.length];
    int n = t.length > 0 ? 1 : 0;
    if (n == 1) {
      o[0] = t[0];
    }
    for (int i = 1; i < t.length; i++) {
      byte x = t[i];
      if (t[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) {
        n--;
      }
      o[n++] = x;
    }
    return Arrays.copyOf(o, n);
  }

  private static byte[] apostrophes(byte[] t) {
    byte[] o = new byte[t.length];
    int n = t.length > 0 ? 1 : 0;
    if (n == 1) {
      o[0] = t[0];
    }
    for (int i = 1; i < t.length; i++) {
      byte x = t[i];
      if (x == '\'' && i + 1 < t.length && t[i - 1] == ' ') {
        if (t[i + 1] == 's' || t[i + 1] == 'm') {
          n--;
        } else if (i + 2 < t.length) {
          byte x2 = t[i + 1];
          byte x3 = t[i + 2];
          if ((x2 == 'r' && x3 == 'e') || (x2 == 'v' && x3 == 'e')) {
            n--;
          }
        }
      }
      o[n++] = x;
    }
    return Arrays.copyOf(o, n);
  }

  private static byte[] nt(byte[] t) {
    byte[] o = new byte[t.length];
    int n = t.length > 0 ? 1 : 0;
    if (n == 1) {
      o[0] = t[0];
    }
    for (int i = 1; i < t.length; i++) {
      byte x = t[i];
      if (t[i - 1] == ' ' && x == 'n' && i + 2 < t.length && t[i + 1] == '\'' && t[i + 2] == 't') {
        n--;
      }
      o[n++] = x;
    }
    return Arrays.copyOf(o, n);
  }
}
