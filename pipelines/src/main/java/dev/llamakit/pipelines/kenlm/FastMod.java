package dev.llamakit.pipelines.kenlm;

import java.math.BigInteger;

/**
 * {@code Long.remainderUnsigned(a, d)} for one fixed divisor without a division instruction: Lemire, Kaser and Kurz's
 * direct remainder ("Faster remainder by direct computation", 2019) with a 128-bit reciprocal
 * {@code c = ceil(2^128 / d)}: {@code a mod d = floor((c * a mod 2^128) * d / 2^128)}, exact for every 64-bit
 * {@code a} and {@code d} (128 fractional bits cover 64-bit numerators and divisors). Five multiplications that
 * pipeline, where a 64-bit division takes tens of cycles; the n-gram tables' bucket choice needs one per lookup.
 */
final class FastMod {
  private final long d;
  private final long cHi;
  private final long cLo;

  /** For divisor {@code d}, read unsigned ({@code d != 0}). */
  FastMod(long d) {
    if (d == 0) {
      throw new IllegalArgumentException("divisor 0");
    }
    this.d = d;
    BigInteger two128 = BigInteger.ONE.shiftLeft(128);
    BigInteger divisor = new BigInteger(Long.toUnsignedString(d));
    // ceil(2^128 / d) mod 2^128 (for d = 1 it is 2^128, which wraps to 0 and gives remainder 0, as it should)
    BigInteger c = two128.add(divisor).subtract(BigInteger.ONE).divide(divisor).mod(two128);
    this.cHi = c.shiftRight(64).longValue();
    this.cLo = c.longValue();
  }

  /** {@code Long.remainderUnsigned(a, d)}. */
  long mod(long a) {
    // low 128 bits of c * a
    long lowLo = cLo * a;
    long lowHi = Math.unsignedMultiplyHigh(cLo, a) + cHi * a;
    // bits 128..191 of low * d
    long bottom = Math.unsignedMultiplyHigh(lowLo, d);
    long topLo = lowHi * d;
    long topHi = Math.unsignedMultiplyHigh(lowHi, d);
    long sum = topLo + bottom;
    return topHi + (Long.compareUnsigned(sum, topLo) < 0 ? 1 : 0);
  }
}
