package dev.llamakit.pipelines.filters.gopher;

import dev.llamakit.pipelines.text.PyText;
import java.util.Arrays;

/**
 * The working memory of one {@link GopherRepetitionFilter#apply} call: the text's characters, its words (offsets,
 * lengths, dense ids), line and paragraph ranges, and the open-addressing tables that find equal elements. One
 * instance per thread is reused ({@link #get}), so a document allocates nothing in proportion to its length;
 * documents longer than {@link #KEEP_CHARS} get a fresh instance that is not kept, so a thread keeps at most a few
 * MB.
 *
 * <p>Equal elements are found exactly: a table slot holds an element whose hash matches, then the characters are
 * compared; no two different lines, paragraphs or words are ever taken as equal.
 */
final class RepetitionScratch {
  /** Documents up to this many UTF-16 units reuse the thread's scratch (at most about 80 bytes a unit). */
  static final int KEEP_CHARS = 1 << 15;

  private static final ThreadLocal<RepetitionScratch> LOCAL = ThreadLocal.withInitial(RepetitionScratch::new);

  /** The scratch for a text of {@code length} UTF-16 units. */
  static RepetitionScratch get(int length) {
    return length <= KEEP_CHARS ? LOCAL.get() : new RepetitionScratch();
  }

  char[] chars = new char[0];
  int length;

  // Words: [wordStart, wordEnd) in chars, code points, dense id (equal words share it), prefix sums of code points.
  int wordCount;
  int[] wordStart = new int[0];
  int[] wordEnd = new int[0];
  int[] wordHash = new int[0];
  int[] wordId = new int[0];
  /** {@code cum[i]} = code points of words {@code 0..i-1}; {@code cum[wordCount]} = all word characters. */
  long[] cum = new long[1];
  /** Occurrences of each word id. */
  int[] idCount = new int[0];

  // Elements (lines or paragraphs) being deduplicated.
  int[] elemStart = new int[0];
  int[] elemEnd = new int[0];
  int[] elemHash = new int[0];

  /** Slots of the element/word table: index of an element or word, -1 when empty. */
  int[] table = new int[0];

  // N-grams (see NgramRepetition): positions and class ids of the repeated n-grams of one n and the next,
  // candidates of the next n, the pair table (key: class of the (n-1)-gram and id of the last word), class counts.
  int[] repPos = new int[0];
  int[] repCls = new int[0];
  int[] nextPos = new int[0];
  int[] nextCls = new int[0];
  long[] pairKeys = new long[0];
  int[] pairIds = new int[0];
  int[] clsCount = new int[0];
  boolean[] seen = new boolean[0];

  /** Sizes the n-gram arrays for the current words. */
  void ensureNgrams() {
    int cap = wordCount + 1;
    if (repPos.length < cap) {
      repPos = new int[cap];
      repCls = new int[cap];
      nextPos = new int[cap];
      nextCls = new int[cap];
      clsCount = new int[cap];
      seen = new boolean[cap];
    }
  }

  /** A pair table of at least twice {@code elements} slots, all empty; returns its mask. */
  int clearPairs(int elements) {
    int cap = tableCapacity(elements);
    if (pairIds.length < cap) {
      pairIds = new int[cap];
      pairKeys = new long[cap];
    }
    Arrays.fill(pairIds, 0, cap, -1);
    return cap - 1;
  }

  /** Copies {@code text} into {@link #chars}. */
  char[] load(String text) {
    length = text.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    text.getChars(0, length, chars, 0);
    return chars;
  }

  /** True for Python's whitespace ({@link PyText#isSpace}), with U+0021..U+0084 answered by one comparison. */
  static boolean space(char c) {
    return (char) (c - 0x21) >= 0x64 && (c <= 0x20 ? c >= 0x1C || (c >= 0x09 && c <= 0x0D) : PyText.isSpace(c));
  }

  /** A table of at least twice {@code elements} slots, all empty; returns its mask. */
  int clearTable(int elements) {
    int cap = tableCapacity(elements);
    if (table.length < cap) {
      table = new int[cap];
    }
    Arrays.fill(table, 0, cap, -1);
    return cap - 1;
  }

  static int tableCapacity(int elements) {
    return Integer.highestOneBit(Math.max(8, elements) * 2 - 1) << 1;
  }

  static int slot(int hash, int mask) {
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /** A polynomial hash of {@code c[from, to)}, four units a step so the multiplications overlap. */
  private static int hash(char[] c, int from, int to) {
    int h = to - from;
    int i = from;
    for (; i + 3 < to; i += 4) {
      h = 923521 * h + 29791 * c[i] + 961 * c[i + 1] + 31 * c[i + 2] + c[i + 3];
    }
    for (; i < to; i++) {
      h = 31 * h + c[i];
    }
    return h;
  }

  /** A cheap hash of {@code c[from, to)} from its length and first, middle and last unit. */
  private static int sketch(char[] c, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return 0;
    }
    return len * 0x9E3779B9 + ((c[from] << 16) | c[to - 1]) * 0x85EBCA6B + c[from + (len >>> 1)] * 0xC2B2AE35;
  }

  /** True when {@code c[a, a + len)} equals {@code c[b, b + len)}. */
  private static boolean same(char[] c, int a, int b, int len) {
    if (len > 16) {
      return Arrays.equals(c, a, a + len, c, b, b + len);
    }
    for (int k = 0; k < len; k++) {
      if (c[a + k] != c[b + k]) {
        return false;
      }
    }
    return true;
  }

  /** 1 for the UTF-16 units up to U+3000 that are Python whitespace ({@link PyText#isSpace}), else 0. */
  private static final byte[] SPACE = new byte[0x3001];

  static {
    for (int ch = 0; ch < SPACE.length; ch++) {
      SPACE[ch] = PyText.isSpace(ch) ? (byte) 1 : 0;
    }
  }

  // Per UTF-16 unit: hash, units and counted units of the word so far (0 on whitespace); per 64 units: a bit for
  // each unit that is not whitespace.
  private int[] runHash = new int[0];
  private int[] runLen = new int[0];
  private int[] runCps = new int[0];
  private long[] solid = new long[1];

  /**
   * Splits the text into its whitespace words, as Python's {@code str.split()}, giving each a dense id shared by
   * equal words. A word's length counts its UTF-16 units that are not low surrogates; a run of non-space units
   * without any such unit ends the scan (as the earlier implementation did).
   *
   * <p>One pass without data-dependent branches carries each word's hash and lengths along and marks the
   * non-space units in bit sets; the word ends are then read off the bit sets. (A loop that branches on every
   * unit pays a mispredicted branch at nearly every word boundary, which was most of its time.)
   */
  void words() {
    char[] c = chars;
    int n = length;
    int cap = n / 2 + 2;
    if (wordStart.length < cap) {
      wordStart = new int[cap];
      wordEnd = new int[cap];
      wordHash = new int[cap];
      wordId = new int[cap];
      idCount = new int[cap];
      cum = new long[cap + 1];
    }
    int blocks = (n + 63) >>> 6;
    if (runHash.length < n) {
      runHash = new int[n];
      runLen = new int[n];
      runCps = new int[n];
    }
    if (solid.length < blocks + 1) {
      solid = new long[blocks + 1];
    }
    int[] rh = runHash;
    int[] rl = runLen;
    int[] rc = runCps;
    int h = 0;
    int len = 0;
    int cps = 0;
    for (int b = 0; b < blocks; b++) {
      int base = b << 6;
      int lim = Math.min(64, n - base);
      long bits = 0;
      for (int k = 0; k < lim; k++) {
        char ch = c[base + k];
        int sp = ch < 0x3001 ? SPACE[ch] : 0;
        int keep = sp - 1; // all ones inside a word, 0 on whitespace
        h = (31 * h + ch) & keep;
        len = (len + 1) & keep;
        cps = (cps + ((ch & 0xFC00) == 0xDC00 ? 0 : 1)) & keep;
        rh[base + k] = h;
        rl[base + k] = len;
        rc[base + k] = cps;
        bits |= (long) (sp ^ 1) << k;
      }
      solid[b] = bits;
    }
    solid[blocks] = 0;
    int count = 0;
    long total = 0;
    cum[0] = 0;
    scan:
    for (int b = 0; b < blocks; b++) {
      long bits = solid[b];
      long ends = bits & ~((bits >>> 1) | (solid[b + 1] << 63)); // a word's last unit
      while (ends != 0) {
        int i = (b << 6) + Long.numberOfTrailingZeros(ends);
        ends &= ends - 1;
        int wordCps = rc[i];
        if (wordCps == 0) {
          break scan;
        }
        int l = rl[i];
        wordStart[count] = i + 1 - l;
        wordEnd[count] = i + 1;
        wordHash[count] = rh[i] + 0x61C88647 * l;
        total += wordCps;
        cum[++count] = total;
      }
    }
    wordCount = count;
    int mask = clearTable(count);
    int ids = 0;
    for (int w = 0; w < count; w++) {
      int wh = wordHash[w];
      int s = slot(wh, mask);
      while (true) {
        int o = table[s];
        if (o < 0) {
          table[s] = w;
          wordId[w] = ids;
          idCount[ids++] = 1;
          break;
        }
        if (wordHash[o] == wh && wordEnd[o] - wordStart[o] == wordEnd[w] - wordStart[w]
            && same(c, wordStart[o], wordStart[w], wordEnd[w] - wordStart[w])) {
          int id = wordId[o];
          wordId[w] = id;
          idCount[id]++;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  /** The non-empty pieces of the text between {@code \n}, into the element arrays; returns their number. */
  int lines() {
    char[] c = chars;
    int n = length;
    ensureElements(n / 2 + 2);
    int m = 0;
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || c[i] == '\n') {
        if (i > start) {
          elemStart[m] = start;
          elemEnd[m++] = i;
        }
        start = i + 1;
      }
    }
    return m;
  }

  /**
   * The paragraphs of the stripped text: the pieces between runs of two or more {@code \n} (one empty paragraph
   * for an all-whitespace text), into the element arrays; returns their number.
   */
  int paragraphs() {
    char[] c = chars;
    int from = 0;
    int to = length;
    while (from < to && space(c[from])) {
      from++;
    }
    while (to > from && space(c[to - 1])) {
      to--;
    }
    ensureElements((to - from) / 2 + 2);
    int m = 0;
    int start = from;
    int i = from;
    while (i < to) {
      if (c[i] == '\n' && i + 1 < to && c[i + 1] == '\n') {
        elemStart[m] = start;
        elemEnd[m++] = i;
        while (i < to && c[i] == '\n') {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    elemStart[m] = start;
    elemEnd[m++] = to;
    return m;
  }

  private void ensureElements(int cap) {
    if (elemStart.length < cap) {
      elemStart = new int[cap];
      elemEnd = new int[cap];
      elemHash = new int[cap];
    }
  }

  /** Slots of the sketch table: a sketch and how many elements have it (0: empty slot). */
  private int[] lenKey = new int[0];
  private int[] lenCount = new int[0];

  /**
   * Of the first {@code m} elements: those equal to an earlier one, and their code points. Equal elements have
   * equal sketches (length, first, middle and last unit), so an element whose sketch no other element has cannot
   * equal another: only elements of shared sketches are hashed in full and compared.
   */
  GopherRepetitionFilter.Duplicates duplicates(int m) {
    char[] c = chars;
    int cap = tableCapacity(m);
    if (lenKey.length < cap) {
      lenKey = new int[cap];
      lenCount = new int[cap];
    }
    int lenMask = cap - 1;
    Arrays.fill(lenCount, 0, cap, 0);
    for (int k = 0; k < m; k++) {
      int key = sketch(c, elemStart[k], elemEnd[k]);
      elemHash[k] = key;
      int s = slot(key, lenMask);
      while (lenCount[s] != 0 && lenKey[s] != key) {
        s = (s + 1) & lenMask;
      }
      lenKey[s] = key;
      lenCount[s]++;
    }
    int mask = clearTable(m);
    int dup = 0;
    long dupChars = 0;
    for (int k = 0; k < m; k++) {
      int from = elemStart[k];
      int to = elemEnd[k];
      int key = elemHash[k];
      int ls = slot(key, lenMask);
      while (lenKey[ls] != key) {
        ls = (ls + 1) & lenMask;
      }
      if (lenCount[ls] < 2) {
        continue; // the only element with its sketch
      }
      int h = hash(c, from, to);
      elemHash[k] = h;
      int s = slot(h, mask);
      while (true) {
        int o = table[s];
        if (o < 0) {
          table[s] = k;
          break;
        }
        if (elemHash[o] == h && Arrays.equals(c, elemStart[o], elemEnd[o], c, from, to)) {
          dup++;
          dupChars += Character.codePointCount(c, from, to - from);
          break;
        }
        s = (s + 1) & mask;
      }
    }
    return new GopherRepetitionFilter.Duplicates(dup, dupChars, m);
  }
}
