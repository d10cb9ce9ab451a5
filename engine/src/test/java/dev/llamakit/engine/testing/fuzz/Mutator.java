package dev.llamakit.engine.testing.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations of a valid input: the damage real files suffer (truncation, flipped bits, a corrupted
 * count or offset, spliced records, broken UTF-8) plus the extreme integers that find unchecked arithmetic.
 *
 * <p>Deterministic: the same seed and the same seed inputs give the same sequence of mutants on every machine.
 */
public final class Mutator {
  private static final long[] INTERESTING = {
    0, 1, -1, 2, 7, 8, 16, 31, 32, 63, 64, 127, 128, 255, 256, 4096, 65535, 65536,
    Integer.MAX_VALUE, Integer.MIN_VALUE, 0x80000000L, 0xFFFFFFFFL, 1L << 32, 1L << 40, 1L << 62,
    Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 31
  };
  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
  };

  private final SplittableRandom random;
  private final List<byte[]> seeds;

  /** Mutants of {@code seeds} (at least one, none null), drawn from {@code seed}. */
  public Mutator(long seed, List<byte[]> seeds) {
    if (seeds.isEmpty()) throw new IllegalArgumentException("a fuzz run needs at least one seed input");
    this.random = new SplittableRandom(seed);
    this.seeds = List.copyOf(seeds);
  }

  /** The next mutant: one seed with one to four mutations applied. */
  public byte[] next() {
    byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) data = mutateOnce(data);
    return data;
  }

  private byte[] mutateOnce(byte[] d) {
    if (d.length == 0) return new byte[] {(byte) random.nextInt(256)};
    return switch (random.nextInt(10)) {
      case 0 -> truncate(d);
      case 1 -> flipBit(d);
      case 2 -> setByte(d);
      case 3, 4 -> overwriteInteger(d);
      case 5 -> deleteRange(d);
      case 6 -> duplicateRange(d);
      case 7 -> insertRandom(d);
      case 8 -> insert(d, BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
      default -> splice(d);
    };
  }

  private byte[] truncate(byte[] d) {
    return java.util.Arrays.copyOf(d, random.nextInt(d.length));
  }

  private byte[] flipBit(byte[] d) {
    d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
    return d;
  }

  private byte[] setByte(byte[] d) {
    byte[] values = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '\n', '\r', ' ', ':', '"', '{', '0'};
    d[random.nextInt(d.length)] = values[random.nextInt(values.length)];
    return d;
  }

  /** A little-endian 1/2/4/8-byte integer overwritten by an extreme value (counts, lengths, offsets, dims). */
  private byte[] overwriteInteger(byte[] d) {
    int width = 1 << random.nextInt(4);
    if (d.length < width) return flipBit(d);
    int at = random.nextInt(d.length - width + 1);
    long v = INTERESTING[random.nextInt(INTERESTING.length)];
    if (random.nextBoolean()) v = v + random.nextInt(-2, 3);
    for (int i = 0; i < width; i++) d[at + i] = (byte) (v >>> (8 * i));
    return d;
  }

  private byte[] deleteRange(byte[] d) {
    int from = random.nextInt(d.length);
    int len = 1 + random.nextInt(Math.min(64, d.length - from));
    byte[] out = new byte[d.length - len];
    System.arraycopy(d, 0, out, 0, from);
    System.arraycopy(d, from + len, out, from, d.length - from - len);
    return out;
  }

  private byte[] duplicateRange(byte[] d) {
    int from = random.nextInt(d.length);
    int len = 1 + random.nextInt(Math.min(256, d.length - from));
    byte[] chunk = java.util.Arrays.copyOfRange(d, from, from + len);
    return insert(d, chunk);
  }

  private byte[] insertRandom(byte[] d) {
    byte[] chunk = new byte[1 + random.nextInt(16)];
    random.nextBytes(chunk);
    return insert(d, chunk);
  }

  private byte[] insert(byte[] d, byte[] chunk) {
    int at = random.nextInt(d.length + 1);
    byte[] out = new byte[d.length + chunk.length];
    System.arraycopy(d, 0, out, 0, at);
    System.arraycopy(chunk, 0, out, at, chunk.length);
    System.arraycopy(d, at, out, at + chunk.length, d.length - at);
    return out;
  }

  /** The head of this input joined to the tail of another seed: records cut mid-way and glued together. */
  private byte[] splice(byte[] d) {
    byte[] other = seeds.get(random.nextInt(seeds.size()));
    if (other.length == 0) return truncate(d);
    int cut = random.nextInt(d.length + 1);
    int from = random.nextInt(other.length);
    byte[] out = new byte[cut + other.length - from];
    System.arraycopy(d, 0, out, 0, cut);
    System.arraycopy(other, from, out, cut, other.length - from);
    return out;
  }
}
