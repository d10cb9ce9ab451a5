package dev.llamakit.pipelines.dedup;

import java.util.Arrays;

/**
 * An open-addressing map from line hash to {@link LineOccurrences} (documents capped at 2, first owner), in
 * primitive arrays: the per-bucket accumulator of global line counting. Merging two tables is the combiner step, so
 * a boilerplate line seen in a million documents costs one slot, not a million shuffled records.
 */
public final class OccurrenceTable {
  private static final long EMPTY = 0L;
  private long[] keys;
  private long[] owners;
  private byte[] counts;
  private boolean hasZeroKey;
  private byte zeroCount;
  private long zeroOwner;
  private int size;

  public OccurrenceTable() {
    this(16);
  }

  public OccurrenceTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    owners = new long[cap];
    counts = new byte[cap];
  }

  /** Distinct hashes held. */
  public int size() {
    return size + (hasZeroKey ? 1 : 0);
  }

  /** Records that one document ({@code ordinal}) contains the line {@code hash}. */
  public void add(long hash, long ordinal) {
    merge(hash, (byte) 1, ordinal);
  }

  /** Adds every entry of another table. */
  public void addAll(OccurrenceTable o) {
    if (o.hasZeroKey) {
      merge(EMPTY, o.zeroCount, o.zeroOwner);
    }
    for (int i = 0; i < o.keys.length; i++) {
      if (o.keys[i] != EMPTY) {
        merge(o.keys[i], o.counts[i], o.owners[i]);
      }
    }
  }

  private void merge(long hash, byte count, long owner) {
    if (hash == EMPTY) {
      zeroCount = hasZeroKey ? (byte) Math.min(2, zeroCount + count) : count;
      zeroOwner = hasZeroKey ? Math.min(zeroOwner, owner) : owner;
      hasZeroKey = true;
      return;
    }
    int mask = keys.length - 1;
    int i = mix(hash) & mask;
    while (keys[i] != EMPTY && keys[i] != hash) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = hash;
      counts[i] = count;
      owners[i] = owner;
      if (++size * 2 > keys.length) {
        grow();
      }
    } else {
      counts[i] = (byte) Math.min(2, counts[i] + count);
      owners[i] = Math.min(owners[i], owner);
    }
  }

  private void grow() {
    long[] k = keys;
    long[] o = owners;
    byte[] c = counts;
    keys = new long[k.length * 2];
    owners = new long[k.length * 2];
    counts = new byte[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != EMPTY) {
        merge(k[i], c[i], o[i]);
      }
    }
  }

  private static int mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }

  /** The first owner of {@code hash} when two or more documents hold it, else -1 (as {@link DuplicateLines#ownerOf}). */
  public long ownerIfDuplicate(long hash) {
    if (hash == EMPTY) {
      return hasZeroKey && zeroCount >= 2 ? zeroOwner : -1;
    }
    int mask = keys.length - 1;
    for (int i = mix(hash) & mask; keys[i] != EMPTY; i = (i + 1) & mask) {
      if (keys[i] == hash) {
        return counts[i] >= 2 ? owners[i] : -1;
      }
    }
    return -1;
  }

  /** Visits every entry: (hash, documents capped at 2, first owner). */
  public void forEach(Visitor v) {
    if (hasZeroKey) {
      v.visit(EMPTY, zeroCount, zeroOwner);
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        v.visit(keys[i], counts[i], owners[i]);
      }
    }
  }

  /** Receives table entries. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long hash, int documents, long firstOwner);
  }

  /** The lines of this table found in two or more documents, as an index. */
  public DuplicateLines duplicates() {
    long[] h = new long[size()];
    long[] o = new long[size()];
    int[] n = {0};
    forEach((hash, docs, owner) -> {
      if (docs >= 2) {
        h[n[0]] = hash;
        o[n[0]++] = owner;
      }
    });
    return new DuplicateLines(Arrays.copyOf(h, n[0]), Arrays.copyOf(o, n[0]));
  }
}
