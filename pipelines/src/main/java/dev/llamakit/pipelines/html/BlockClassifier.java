package dev.llamakit.pipelines.html;

import java.util.List;

/**
 * Tells main-content blocks from boilerplate, after jusText's two-stage scheme (Pomikálek 2011) with its default
 * thresholds but without its stop-word test (it is language-specific; link density and length carry the decision
 * here, as in Boilerpipe's shallow text features):
 *
 * <ol>
 *   <li>Each block alone: link density above {@link #maxLinkDensity} is BAD; shorter than {@link #LENGTH_LOW}
 *       characters is BAD when it holds a link, else SHORT; from {@link #LENGTH_LOW} to {@link #LENGTH_HIGH} is
 *       NEAR_GOOD unless it ends a sentence (then GOOD: the stand-in for jusText's stop-word density, which needs a
 *       word list per language), longer is GOOD. Headings start SHORT; a short {@code <pre>} block without links
 *       starts NEAR_GOOD (code and preformatted figures are written on purpose). The items of one list and the
 *       rows of one data table are judged together: when the group's text reaches {@link #LENGTH_LOW} characters with link density at most
 *       {@link #MAX_LINK_DENSITY}, its SHORT members become NEAR_GOOD (so an ingredient list or a data table is kept
 *       beside good text; a menu, all links, is not).
 *   <li>Context: a NEAR_GOOD block becomes BAD only when the nearest GOOD-or-BAD blocks on both sides are BAD. A
 *       SHORT block becomes GOOD when those neighbours are both GOOD, BAD when both are BAD, and when they differ,
 *       GOOD only if the block on the BAD side is next to a NEAR_GOOD one (jusText's rule). The page's edges count as
 *       BAD.
 *   <li>Headings: a heading followed within {@link #MAX_HEADING_DISTANCE} characters by a GOOD block is GOOD.
 * </ol>
 */
final class BlockClassifier {
  static final double MAX_LINK_DENSITY = 0.2;
  static final double MAX_SENTENCE_LINK_DENSITY = 0.75;
  static final int LENGTH_LOW = 70;
  static final int LENGTH_HIGH = 200;
  static final int MAX_HEADING_DISTANCE = 200;

  static final byte BAD = 0;
  static final byte GOOD = 1;
  static final byte SHORT = 2;
  static final byte NEAR_GOOD = 3;

  private BlockClassifier() {}

  /** Whether each block is main content. */
  static boolean[] classify(List<Block> blocks) {
    int n = blocks.size();
    byte[] c = new byte[n];
    int maxGroup = -1;
    for (Block b : blocks) {
      maxGroup = Math.max(maxGroup, b.group());
    }
    int[] groupChars = new int[maxGroup + 1];
    int[] groupLinks = new int[maxGroup + 1];
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      int len = b.text().length();
      if (b.group() >= 0) {
        groupChars[b.group()] += len;
        groupLinks[b.group()] += b.linkChars();
      }
      if (b.linkDensity() > maxLinkDensity(b)) {
        c[i] = BAD;
      } else if (b.kind() == Block.Kind.HEADING) {
        c[i] = SHORT;
      } else if (len < LENGTH_LOW) {
        c[i] = b.linkChars() > 0 ? BAD : b.kind() == Block.Kind.PRE ? NEAR_GOOD : SHORT;
      } else if (len <= LENGTH_HIGH && !endsSentence(b.text())) {
        c[i] = NEAR_GOOD;
      } else {
        c[i] = GOOD;
      }
    }
    for (int i = 0; i < n; i++) {
      int g = blocks.get(i).group();
      if (g >= 0 && c[i] == SHORT && blocks.get(i).kind() != Block.Kind.HEADING && groupChars[g] >= LENGTH_LOW
          && groupLinks[g] <= MAX_LINK_DENSITY * groupChars[g]) {
        c[i] = NEAR_GOOD;
      }
    }
    byte[] ctx = c.clone();
    for (int i = 0; i < n; i++) {
      if (c[i] == NEAR_GOOD) {
        ctx[i] = prev(c, i, true) == BAD && next(c, i, true) == BAD ? BAD : GOOD;
      }
    }
    for (int i = 0; i < n; i++) {
      if (c[i] != SHORT) {
        continue;
      }
      byte p = prev(c, i, true);
      byte q = next(c, i, true);
      if (p == GOOD && q == GOOD) {
        ctx[i] = GOOD;
      } else if (p == BAD && q == BAD) {
        ctx[i] = BAD;
      } else if (p == BAD && prev(c, i, false) == NEAR_GOOD || q == BAD && next(c, i, false) == NEAR_GOOD) {
        ctx[i] = GOOD;
      } else {
        ctx[i] = BAD;
      }
    }
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      keep[i] = ctx[i] == GOOD;
    }
    for (int i = 0; i < n; i++) {
      if (blocks.get(i).kind() != Block.Kind.HEADING || keep[i] || c[i] == BAD) {
        continue;
      }
      int distance = 0;
      for (int j = i + 1; j < n && distance <= MAX_HEADING_DISTANCE; j++) {
        if (c[j] == GOOD || c[j] == NEAR_GOOD && ctx[j] == GOOD) {
          keep[i] = true;
          break;
        }
        distance += blocks.get(j).text().length();
      }
    }
    return keep;
  }

  /**
   * The link density above which a block is BAD: {@link #MAX_LINK_DENSITY}, or {@link #MAX_SENTENCE_LINK_DENSITY} for
   * a block of at least {@link #LENGTH_LOW} characters that ends a sentence — encyclopaedia prose links many of its
   * words, a menu or a link list does not end with a full stop.
   */
  static double maxLinkDensity(Block b) {
    String t = b.text();
    if (t.length() < LENGTH_LOW || b.kind() == Block.Kind.HEADING) {
      return MAX_LINK_DENSITY;
    }
    return endsSentence(t) ? MAX_SENTENCE_LINK_DENSITY : MAX_LINK_DENSITY;
  }

  /** Whether the text ends with sentence punctuation (. ! ? : 。 ！ ？), a closing quote or bracket allowed after it. */
  static boolean endsSentence(String t) {
    int i = t.length() - 1;
    while (i > 0 && "\"')]»”’".indexOf(t.charAt(i)) >= 0) {
      i--;
    }
    char last = t.charAt(i);
    return last == '.' || last == '!' || last == '?' || last == ':' || last == '\u3002' || last == '\uFF01'
        || last == '\uFF1F';
  }

  /**
   * The class of the nearest block before {@code i} that is not SHORT (and, when {@code skipNearGood}, not
   * NEAR_GOOD either); BAD at the page's start.
   */
  private static byte prev(byte[] c, int i, boolean skipNearGood) {
    for (int j = i - 1; j >= 0; j--) {
      if (c[j] == SHORT || skipNearGood && c[j] == NEAR_GOOD) {
        continue;
      }
      return c[j];
    }
    return BAD;
  }

  private static byte next(byte[] c, int i, boolean skipNearGood) {
    for (int j = i + 1; j < c.length; j++) {
      if (c[j] == SHORT || skipNearGood && c[j] == NEAR_GOOD) {
        continue;
      }
      return c[j];
    }
    return BAD;
  }
}
