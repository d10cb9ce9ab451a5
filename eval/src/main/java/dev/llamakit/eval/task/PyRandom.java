package dev.llamakit.eval.task;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * CPython's {@code random.Random} for an integer seed, draw for draw: the MT19937 generator seeded through
 * {@code init_by_array} with the seed's 32-bit words (least significant first, {@code [0]} for zero),
 * {@code getrandbits}, {@code random()}, {@code _randbelow} (rejection sampling on {@code getrandbits(bit_length(n))}),
 * {@code sample} (pool-based selection for small populations, set-based selection above CPython's {@code setsize}
 * rule) and {@code shuffle}. lm-evaluation-harness draws its few-shot examples with {@code random.Random(1234)};
 * golden-tested against CPython 3.11 values (see {@code eval/tools/make_pyrandom_golden.py}). Not thread-safe.
 */
public final class PyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int mti;

  /** {@code random.Random(seed)}; CPython uses the absolute value of the seed. */
  public PyRandom(long seed) {
    long a = seed == Long.MIN_VALUE ? seed : Math.abs(seed); // |MIN_VALUE| = 2^63, same unsigned bits
    int hi = (int) (a >>> 32);
    int[] key = hi == 0 ? new int[] {(int) a} : new int[] {(int) a, hi};
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    mti = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** The next 32-bit output of MT19937, as an unsigned value. */
  long nextUint32() {
    if (mti >= N) {
      for (int k = 0; k < N; k++) {
        int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
      }
      mti = 0;
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** {@code getrandbits(k)} for {@code 0 <= k <= 63}: 32-bit words filled least significant first. */
  public long getrandbits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("getrandbits supports 0..63 bits, not " + k);
    }
    if (k == 0) {
      return 0;
    }
    if (k <= 32) {
      return nextUint32() >>> (32 - k);
    }
    long low = nextUint32();
    long high = nextUint32() >>> (64 - k);
    return (high << 32) | low;
  }

  /** {@code random()}: a double in [0, 1) with 53 random bits. */
  public double random() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** {@code _randbelow(n)}: uniform in [0, n) by rejection on {@code getrandbits(n.bit_length())}. */
  public int randbelow(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("randbelow needs a positive bound, not " + n);
    }
    int k = 32 - Integer.numberOfLeadingZeros(n);
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return (int) r;
  }

  /** {@code randrange(n)} for a positive {@code n}. */
  public int randrange(int n) {
    return randbelow(n);
  }

  /** {@code sample(population, k)}: {@code k} distinct elements in selection order. */
  public <T> List<T> sample(List<T> population, int k) {
    int[] idx = sampleIndices(population.size(), k);
    List<T> out = new ArrayList<>(k);
    for (int i : idx) {
      out.add(population.get(i));
    }
    return out;
  }

  /** The positions {@code sample(range(n), k)} selects, in order. */
  public int[] sampleIndices(int n, int k) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("Sample larger than population or is negative (k=" + k + ", n=" + n + ")");
    }
    int[] result = new int[k];
    if (n <= setsize(k)) {
      int[] pool = new int[n];
      for (int i = 0; i < n; i++) {
        pool[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = randbelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      BitSet selected = new BitSet(n);
      for (int i = 0; i < k; i++) {
        int j = randbelow(n);
        while (selected.get(j)) {
          j = randbelow(n);
        }
        selected.set(j);
        result[i] = j;
      }
    }
    return result;
  }

  /**
   * CPython's {@code setsize}: 21, plus {@code 4 ** ceil(log(3k, 4))} when {@code k > 5}. {@code 3k} is never a power
   * of 4, so the ceiling is the smallest {@code m} with {@code 4^m > 3k}, computed exactly in integers.
   */
  static long setsize(int k) {
    long size = 21;
    if (k > 5) {
      long p = 1;
      while (p <= 3L * k) {
        p *= 4;
      }
      size += p;
    }
    return size;
  }

  /** {@code shuffle(x)} in place: for i from len-1 down to 1, swap x[i] with x[randbelow(i+1)]. */
  public <T> void shuffle(List<T> x) {
    for (int i = x.size() - 1; i > 0; i--) {
      int j = randbelow(i + 1);
      T t = x.get(i);
      x.set(i, x.get(j));
      x.set(j, t);
    }
  }
}
