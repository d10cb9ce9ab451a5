package dev.llamakit.pipelines.decontam;

import dev.llamakit.pipelines.text.PyText;
import java.util.Arrays;
import java.util.Locale;

/**
 * How text becomes the words whose n-grams are compared, and the n-gram length that goes with it. Both rules split
 * at Python's whitespace ({@code str.split()}), normalise each word, and leave out words that normalise to nothing
 * (a lone dash, {@code "="}), on the benchmark side and the corpus side alike.
 *
 * <ul>
 *   <li>{@link #JANITOR}: lm-evaluation-harness's {@code Janitor} (GPT-3's rule, paper App. C): ASCII letters
 *       lower-cased, ASCII punctuation ({@code string.punctuation}) deleted, nothing else touched; 13-grams.
 *       janitor.py's Python path joins a corpus n-gram's raw words before normalising, so there a punctuation-only
 *       word leaves an empty word and the n-gram never matches ({@code "5 - 3 = 2"}); llamakit drops such words, as
 *       the benchmark side does, so GSM8k's arithmetic matches.</li>
 *   <li>{@link #DATATROVE}: datatrove's {@code simplify_text} as its {@code NGramsDecontFilter} uses it: full
 *       lower-casing, its punctuation table deleted ({@code datatrove-punctuation.txt}), accents removed (NFD, marks
 *       of category Mn dropped), every run of digits replaced by {@code 0}; 12-grams. datatrove then splits with a
 *       language word tokenizer; llamakit splits at whitespace.</li>
 * </ul>
 *
 * <pre>{@code
 * Words w = NgramRule.JANITOR.words("Natalia sold clips to 48 of her friends.");
 * w.gram(0, 3);   // "natalia sold clips"
 * }</pre>
 */
public enum NgramRule {
  JANITOR(13) {
    @Override
    public String normalize(String word) {
      StringBuilder sb = null;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        boolean punct = c < 128 && ASCII_PUNCTUATION[c];
        boolean upper = c >= 'A' && c <= 'Z';
        if (sb == null && (punct || upper)) {
          sb = new StringBuilder(word.length()).append(word, 0, i);
        }
        if (sb != null && !punct) {
          sb.append(upper ? (char) (c + 32) : c);
        }
      }
      return sb == null ? word : sb.toString();
    }
  },
  DATATROVE(12) {
    @Override
    public String normalize(String word) {
      String lower = word.toLowerCase(Locale.ROOT);
      StringBuilder kept = new StringBuilder(lower.length());
      lower.codePoints().filter(cp -> !DatatrovePunctuation.contains(cp)).forEach(kept::appendCodePoint);
      String nfd = java.text.Normalizer.normalize(kept, java.text.Normalizer.Form.NFD);
      StringBuilder out = new StringBuilder(nfd.length());
      boolean inDigits = false;
      for (int i = 0; i < nfd.length(); ) {
        int cp = nfd.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.getType(cp) == Character.NON_SPACING_MARK) {
          continue;
        }
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
          if (!inDigits) {
            out.append('0');
          }
          inDigits = true;
          continue;
        }
        inDigits = false;
        out.appendCodePoint(cp);
      }
      return out.toString();
    }
  };

  private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

  static {
    for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
      ASCII_PUNCTUATION[c] = true;
    }
  }

  private final int defaultN;

  NgramRule(int defaultN) {
    this.defaultN = defaultN;
  }

  /** The n-gram length the reference uses with this rule (13 for the janitor, 12 for datatrove). */
  public int defaultN() {
    return defaultN;
  }

  /** One whitespace-free word, normalised; may be empty. */
  public abstract String normalize(String word);

  /** The rule by its recipe name ({@code janitor}, {@code datatrove}); anything else is an error naming both. */
  public static NgramRule of(String name) {
    for (NgramRule r : values()) {
      if (r.name().equalsIgnoreCase(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("rule must be janitor or datatrove, not '" + name + "'");
  }

  /** The normalised words of {@code text} with their raw spans. */
  public Words words(String text) {
    int n = text.length();
    String[] tokens = new String[16];
    int[] start = new int[16];
    int[] end = new int[16];
    int count = 0;
    int cpIndex = 0;
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (PyText.isSpace(cp)) {
        i += Character.charCount(cp);
        cpIndex++;
        continue;
      }
      int from = i;
      int cpFrom = cpIndex;
      while (i < n) {
        cp = text.codePointAt(i);
        if (PyText.isSpace(cp)) {
          break;
        }
        i += Character.charCount(cp);
        cpIndex++;
      }
      String w = normalize(text.substring(from, i));
      if (w.isEmpty()) {
        continue;
      }
      if (count == tokens.length) {
        tokens = Arrays.copyOf(tokens, count * 2);
        start = Arrays.copyOf(start, count * 2);
        end = Arrays.copyOf(end, count * 2);
      }
      tokens[count] = w;
      start[count] = cpFrom;
      end[count] = cpIndex;
      count++;
    }
    return new Words(Arrays.copyOf(tokens, count), Arrays.copyOf(start, count), Arrays.copyOf(end, count), cpIndex);
  }

  /** The recipe name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
