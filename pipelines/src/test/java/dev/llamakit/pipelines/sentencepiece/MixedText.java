package dev.llamakit.pipelines.sentencepiece;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated documents that stress the perplexity fast paths: English words and golden text mixed with upper case,
 * digits (ASCII and other scripts), accents (precomposed and combining), cc_net's punctuation table, control
 * characters, every kind of Unicode space, CJK, Greek with final sigma, emoji, unpaired surrogates, KenLM's special
 * words and characters no piece covers.
 */
public final class MixedText {
  private static final String[] WORDS = {
    "the", "The", "of", "and", "in", "Ireland", "match", "played", "December", "1888", "2024", "<unk>", "<s>", "</s>",
    "@-@", "@,@", "=", "==", "(", ")", "\"", "'s", "n't", "caf\u00e9", "Cafe\u0301", "na\u00efve", "\u00c9cole",
    "\u0130stanbul", "stra\u00dfe", "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3", "\u03c3\u03bf\u03c6\u03af\u03b1",
    "\u4e2d\u6587", "\u65e5\u672c\u8a9e", "\ud55c\uad6d\uc5b4", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\u0663\u0664", "\uff11\uff12", "\u00bd", "\u2163", "x\u00b2", "\u201cquoted\u201d", "\u00abguillemets\u00bb",
    "a\u2014b", "wait\u2026", "\u2018single\u2019", "\ud83d\ude00", "\ud83c\udf89party", "\ud800", "x\udc00y",
    "\u212a", "\u212b", "\ufb01ne", "\u2460", "tab\tbed", "line\nbreak", "cr\rlf", "\u000b\u000c", "\u0000nul",
    "\u007f", "\u0085", "\u009f", "\u00a0", "\u1680", "\u2003", "\u2007", "\u2028", "\u202f", "\u205f", "\u3000",
    "\u200b", "\ufeff", "\u00ad", "e\u0301\u0327", "\u1e9e", "\u0149", "\u01c4", "\u2126", "\ufffd", "\u0301",
    "\u2581", "\u2581x", "_", "~", "|", "\\", "{", "}", "[", "]", "#", "$", "%", "&", "*", "+", "^", "`",
  };

  private MixedText() {}

  /** {@code count} documents of up to {@code maxWords} words from {@code seed}, plus the {@code sources} texts cut up. */
  public static List<String> documents(long seed, int count, int maxWords, List<String> sources) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(maxWords + 1);
      for (int w = 0; w < n; w++) {
        int kind = r.nextInt(10);
        if (kind < 5 && !sources.isEmpty()) {
          String src = sources.get(r.nextInt(sources.size()));
          int from = r.nextInt(src.length() + 1);
          b.append(src, from, Math.min(src.length(), from + r.nextInt(40)));
        } else if (kind < 9) {
          b.append(WORDS[r.nextInt(WORDS.length)]);
        } else {
          b.appendCodePoint(randomCodePoint(r));
        }
        int sep = r.nextInt(12);
        b.append(sep < 8 ? " " : sep == 8 ? "  " : sep == 9 ? "\n" : sep == 10 ? "" : "\u00a0");
      }
      out.add(b.toString());
    }
    return out;
  }

  private static int randomCodePoint(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> r.nextInt(0x80);
      case 1 -> 0x80 + r.nextInt(0x780);
      case 2 -> 0x800 + r.nextInt(0xD000);
      case 3 -> 0xE000 + r.nextInt(0x2000);
      case 4 -> 0x10000 + r.nextInt(0x20000);
      default -> 0x2000 + r.nextInt(0x100);
    };
  }
}
