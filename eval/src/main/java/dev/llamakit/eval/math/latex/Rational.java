package dev.llamakit.eval.math.latex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** An exact fraction in lowest terms, the denominator positive: sympy's {@code Rational}. */
record Rational(BigInteger num, BigInteger den) {
  static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  static Rational of(BigInteger num, BigInteger den) {
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = num.gcd(den);
    return g.signum() == 0 || g.equals(BigInteger.ONE) ? new Rational(num, den)
        : new Rational(num.divide(g), den.divide(g));
  }

  static Rational of(BigDecimal d) {
    return d.scale() <= 0 ? of(d.toBigIntegerExact(), BigInteger.ONE)
        : of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
  }

  Rational add(Rational o) {
    return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  Rational sub(Rational o) {
    return add(o.negate());
  }

  Rational mul(Rational o) {
    return of(num.multiply(o.num), den.multiply(o.den));
  }

  Rational div(Rational o) {
    return of(num.multiply(o.den), den.multiply(o.num));
  }

  Rational negate() {
    return new Rational(num.negate(), den);
  }

  boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  /** {@code this^n} for an integer {@code n} (0^0 is 1, as in sympy); 0 to a negative power throws. */
  Rational pow(int n) {
    if (n >= 0) {
      return new Rational(num.pow(n), den.pow(n));
    }
    return of(den.pow(-n), num.pow(-n));
  }

  /** The exact non-negative {@code n}-th root of a non-negative fraction, or null when it is not a fraction. */
  Rational root(int n) {
    if (num.signum() < 0) {
      return null;
    }
    BigInteger a = integerRoot(num, n);
    BigInteger b = integerRoot(den, n);
    return a == null || b == null ? null : new Rational(a, b);
  }

  double toDouble() {
    return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
  }

  private static BigInteger integerRoot(BigInteger v, int n) {
    if (v.signum() == 0 || v.equals(BigInteger.ONE)) {
      return v;
    }
    if (n == 2) {
      BigInteger r = v.sqrt();
      return r.multiply(r).equals(v) ? r : null;
    }
    BigInteger lo = BigInteger.ONE;
    BigInteger hi = BigInteger.ONE.shiftLeft(v.bitLength() / n + 1);
    while (lo.compareTo(hi) <= 0) {
      BigInteger mid = lo.add(hi).shiftRight(1);
      int c = mid.pow(n).compareTo(v);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid.add(BigInteger.ONE);
      } else {
        hi = mid.subtract(BigInteger.ONE);
      }
    }
    return null;
  }
}
