package dev.llamakit.pipelines.fasttext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * fastText's dictionary as prediction uses it: the words and labels (bytes, counts, types), the open-addressing
 * word table fastText builds, the char n-gram ids of every word computed once, and the pruning map of a quantized
 * model (hashed n-gram bucket to row).
 */
final class Dictionary {
  static final byte[] EOS = "</s>".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LABEL_PREFIX = "__label__".getBytes(StandardCharsets.US_ASCII);
  static final int FNV_OFFSET = 0x811C9DC5;
  static final int FNV_PRIME = 16777619;

  final int size;
  final int nwords;
  final int nlabels;
  final int minn;
  final int maxn;
  final int bucket;
  private final byte[] bytes; // all entries, back to back
  private final int[] start; // size + 1 offsets into bytes
  private final byte[] types; // 0 word, 1 label
  final long[] counts;
  private final int[] table; // fastText's word2int_: entry index or -1
  private final long pruneSize; // -1: not pruned
  /** The pruning map, open addressing: (bucket id + 1) << 32 | row in one long, so a lookup is one cache miss; 0 empty. */
  private final long[] prune;
  /**
   * One bit per bucket id, set for the ids the pruning map holds: most char n-grams of a pruned model were pruned, and
   * this 2<sup>bucket</sup>-bit set (250 KB for lid.176) answers "absent" from the L2 cache without probing the map.
   */
  private final long[] pruned;
  /** Lemire's fast-modulo constant for {@code bucket}: {@code ceil(2^64 / bucket)}, see {@link #mod}. */
  private final long bucketM;
  private final int[] subStart; // nwords + 1 offsets into subIds
  private final int[] subIds; // each word's id, then its n-gram rows (as initNgrams computes them)

  /** fastText's {@code Dictionary::load}. */
  Dictionary(ModelReader r, int minn, int maxn, int bucket) throws IOException {
    this.minn = minn;
    this.maxn = maxn;
    this.bucket = bucket;
    r.section("the dictionary");
    size = r.readInt();
    nwords = r.readInt();
    nlabels = r.readInt();
    r.readLong(); // ntokens
    pruneSize = r.readLong();
    if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size || size > 30_000_000
        || pruneSize < -1 || pruneSize > Integer.MAX_VALUE / 4) {
      throw r.error("invalid dictionary header (size " + size + ", words " + nwords + ", labels " + nlabels
          + ", pruned " + pruneSize + ")");
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream(size * 8 + 16);
    ByteArrayOutputStream word = new ByteArrayOutputStream(64);
    start = new int[size + 1];
    types = new byte[size];
    counts = new long[size];
    for (int i = 0; i < size; i++) {
      byte[] w = r.readCString(word);
      start[i] = all.size();
      all.write(w);
      counts[i] = r.readLong();
      types[i] = r.readByte();
      if (types[i] != 0 && types[i] != 1) {
        throw r.error("entry " + i + " has type " + types[i] + " (expected 0 word or 1 label)");
      }
      if ((types[i] == 1) != (i >= nwords)) {
        throw r.error("entry " + i + " is a " + (types[i] == 1 ? "label" : "word") + " among the "
            + (i >= nwords ? "labels" : "words"));
      }
    }
    start[size] = all.size();
    bytes = all.toByteArray();
    int n = (int) Math.max(pruneSize, 0);
    int cap = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
    prune = new long[cap];
    pruned = new long[n > 0 ? (bucket + 63) >>> 6 : 0];
    bucketM = bucket > 0 ? remainderConstant(bucket) : 0;
    for (int i = 0; i < n; i++) {
      int key = r.readInt();
      int val = r.readInt();
      prunePut(key, val);
    }
    int tableSize = (int) Math.ceil(size / 0.7);
    table = new int[Math.max(tableSize, 1)];
    Arrays.fill(table, -1);
    if (tableSize > 0) {
      for (int i = 0; i < size; i++) {
        table[findSlot(bytes, start[i], start[i + 1] - start[i], hash(bytes, start[i], start[i + 1]))] = i;
      }
    }
    // initNgrams: every word's id then its char n-grams (none for EOS)
    IntList ids = new IntList(Math.max(16, nwords * 4));
    subStart = new int[nwords + 1];
    byte[] wrapped = new byte[64];
    for (int i = 0; i < nwords; i++) {
      subStart[i] = ids.size;
      ids.add(i);
      int len = start[i + 1] - start[i];
      if (!isEos(bytes, start[i], len)) {
        if (wrapped.length < len + 2) {
          wrapped = new byte[len + 2];
        }
        wrap(bytes, start[i], len, wrapped);
        computeSubwords(wrapped, len + 2, ids);
      }
    }
    subStart[nwords] = ids.size;
    subIds = ids.toArray();
  }

  /** FNV-1a over the bytes, each byte sign-extended as fastText's {@code uint32_t(int8_t(c))}. */
  static int hash(byte[] b, int from, int to) {
    int h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h = (h ^ b[i]) * FNV_PRIME;
    }
    return h;
  }

  static boolean isEos(byte[] b, int off, int len) {
    return len == 4 && b[off] == '<' && b[off + 1] == '/' && b[off + 2] == 's' && b[off + 3] == '>';
  }

  static boolean isLabel(byte[] b, int off, int len) {
    if (len < LABEL_PREFIX.length) {
      return false;
    }
    for (int i = 0; i < LABEL_PREFIX.length; i++) {
      if (b[off + i] != LABEL_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code BOW + word + EOW} into dst. */
  static void wrap(byte[] b, int off, int len, byte[] dst) {
    dst[0] = '<';
    System.arraycopy(b, off, dst, 1, len);
    dst[len + 1] = '>';
  }

  /** fastText's {@code find}: linear probing from {@code h mod size} to the word or an empty slot. */
  private int findSlot(byte[] w, int off, int len, int h) {
    int n = table.length;
    int id = Integer.remainderUnsigned(h, n);
    while (true) {
      int e = table[id];
      if (e == -1 || equalsEntry(e, w, off, len)) {
        return id;
      }
      id = id + 1 == n ? 0 : id + 1;
    }
  }

  private boolean equalsEntry(int e, byte[] w, int off, int len) {
    int s = start[e];
    return start[e + 1] - s == len && Arrays.equals(bytes, s, s + len, w, off, off + len);
  }

  /** The entry id of a token, or -1. */
  int getId(byte[] w, int off, int len, int h) {
    return size == 0 ? -1 : table[findSlot(w, off, len, h)];
  }

  boolean isLabelEntry(int id) {
    return types[id] == 1;
  }

  String entry(int id) {
    return new String(bytes, start[id], start[id + 1] - start[id], StandardCharsets.UTF_8);
  }

  /** Label {@code lid} (0-based among labels). */
  String label(int lid) {
    return entry(nwords + lid);
  }

  /** Adds word {@code wid}'s precomputed ids (the word, then its n-gram rows). */
  void addSubwords(int wid, IntList out) {
    out.addAll(subIds, subStart[wid], subStart[wid + 1]);
  }

  /**
   * fastText's {@code computeSubwords} on {@code <word>}: n-grams of minn..maxn UTF-8 characters (a character is a
   * lead byte and its continuation bytes), none of one character at either end, hashed, mod bucket, pushed.
   */
  void computeSubwords(byte[] w, int len, IntList out) {
    for (int i = 0; i < len; i++) {
      if ((w[i] & 0xC0) == 0x80) {
        continue;
      }
      int h = FNV_OFFSET;
      for (int j = i, n = 1; j < len && n <= maxn; n++) {
        h = (h ^ w[j++]) * FNV_PRIME;
        while (j < len && (w[j] & 0xC0) == 0x80) {
          h = (h ^ w[j++]) * FNV_PRIME;
        }
        if (n >= minn && !(n == 1 && (i == 0 || j == len))) {
          pushHash(out, mod(h));
        }
      }
    }
  }

  /** fastText's {@code addWordNgrams}: 64-bit rolling hash of the word hashes (sign-extended), mod bucket. */
  void addWordNgrams(IntList out, int[] hashes, int count, int n) {
    for (int i = 0; i < count; i++) {
      long h = hashes[i];
      for (int j = i + 1; j < count && j < i + n; j++) {
        h = h * 116049371L + hashes[j];
        pushHash(out, (int) Long.remainderUnsigned(h, bucket));
      }
    }
  }

  /** fastText's {@code pushHash}: through the pruning map when pruned (dropped when absent), offset by nwords. */
  void pushHash(IntList out, int id) {
    if (pruneSize == 0 || id < 0) {
      return;
    }
    if (pruneSize > 0) {
      if (id >= bucket || (pruned[id >>> 6] & (1L << id)) == 0) {
        return; // not in the map: pruned away
      }
      id = pruneGet(id);
      if (id < 0) {
        return;
      }
    }
    out.add(nwords + id);
  }

  /** The number of input rows the dictionary can address. */
  long inputRowsNeeded() {
    if (pruneSize < 0) {
      return (long) nwords + bucket;
    }
    int max = -1;
    for (long e : prune) {
      if (e != 0) {
        max = Math.max(max, (int) e);
      }
    }
    return (long) nwords + max + 1;
  }

  /**
   * {@code Integer.remainderUnsigned(h, bucket)} without a division (Lemire, Kaser and Kurz, "Faster remainder by
   * direct computation", 2019): exact for every 32-bit {@code h} and {@code bucket}.
   */
  private int mod(int h) {
    return remainder(h, bucketM, bucket);
  }

  /** {@code ceil(2^64 / d)} for {@link #remainder}; d ≥ 1 (2<sup>64</sup> wraps to 0, which is right for d = 1). */
  static long remainderConstant(int d) {
    return Long.divideUnsigned(-1L, Integer.toUnsignedLong(d)) + 1;
  }

  /** {@code Integer.remainderUnsigned(h, d)} by two multiplications, {@code m = remainderConstant(d)}. */
  static int remainder(int h, long m, int d) {
    return (int) Math.unsignedMultiplyHigh(m * Integer.toUnsignedLong(h), Integer.toUnsignedLong(d));
  }

  private static int mix(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void prunePut(int key, int val) {
    int mask = prune.length - 1;
    int i = mix(key) & mask;
    long tag = (key + 1L) << 32;
    while (prune[i] != 0 && (prune[i] & 0xFFFFFFFF00000000L) != tag) {
      i = (i + 1) & mask;
    }
    prune[i] = tag | (val & 0xFFFFFFFFL); // fastText's std::unordered_map: a repeated key keeps the last value
    if (key >= 0 && key < bucket) { // other keys can never be looked up: ids are taken mod bucket
      pruned[key >>> 6] |= 1L << key;
    }
  }

  private int pruneGet(int key) {
    int mask = prune.length - 1;
    int i = mix(key) & mask;
    long tag = (key + 1L) << 32;
    while (true) {
      long e = prune[i];
      if (e == 0) {
        return -1;
      }
      if ((e & 0xFFFFFFFF00000000L) == tag) {
        return (int) e;
      }
      i = (i + 1) & mask;
    }
  }

  /** A growable int array. */
  static final class IntList {
    int[] a;
    int size;

    IntList(int capacity) {
      a = new int[capacity];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    void addAll(int[] src, int from, int to) {
      int n = to - from;
      if (size + n > a.length) {
        a = Arrays.copyOf(a, Math.max(a.length * 2, size + n));
      }
      System.arraycopy(src, from, a, size, n);
      size += n;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
