package dev.llamakit.eval.math.latex;

import java.math.BigInteger;

/**
 * The value sympy computes for an expression without symbols when it stays rational: exact ({@code Rational}
 * arithmetic) while no decimal is involved, else a {@code Float} of 53 bits, which is a double here (a decimal is
 * read to the nearest double, a fraction meeting a decimal is rounded to one, and arithmetic rounds as IEEE does).
 */
sealed interface ConstantValue {
  record Exact(Rational value) implements ConstantValue {}

  record Approx(double value) implements ConstantValue {}

  /** Division by zero or 0 to a negative power: sympy's {@code zoo}, whose differences are never 0. */
  final class Undefined extends Exception {
    Undefined() {
      super("zoo", null, false, false);
    }
  }

  default double toDouble() {
    return switch (this) {
      case Exact e -> e.value().toDouble();
      case Approx a -> a.value();
    };
  }

  /** The value of {@code e}, or null when it has symbols or is irrational (a root or power that is not exact). */
  static ConstantValue of(Expr e) throws Undefined {
    return switch (e) {
      // a decimal of more than 15 significant digits is a Float of as many digits in sympy: read exactly here
      case Expr.Num n -> n.isFloat() && n.value().stripTrailingZeros().precision() <= 15
          ? new Approx(n.value().doubleValue()) : new Exact(Rational.of(n.value()));
      case Expr.Sym s -> null;
      case Expr.Apply f -> null;
      case Expr.Func f -> null;
      case Expr.Infinity i -> null;
      case Expr.Neg(Expr o) -> map(of(o), r -> r.negate(), d -> -d);
      case Expr.Add(Expr l, Expr r) -> combine(of(l), of(r), Rational::add, Double::sum);
      case Expr.Sub(Expr l, Expr r) -> combine(of(l), of(r), Rational::sub, (x, y) -> x - y);
      case Expr.Mul(Expr l, Expr r) -> combine(of(l), of(r), Rational::mul, (x, y) -> x * y);
      case Expr.Div(Expr l, Expr r) -> divide(of(l), of(r));
      case Expr.Pow(Expr b, Expr x) -> power(of(b), of(x));
      case Expr.Abs(Expr o) -> map(of(o), r -> r.num().signum() < 0 ? r.negate() : r, Math::abs);
      case Expr.Factorial(Expr o) -> {
        BigInteger n = count(of(o));
        if (n == null) {
          yield null;
        }
        if (n.signum() < 0) {
          throw new Undefined(); // sympy's factorial of a negative integer is zoo
        }
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n.intValueExact(); i++) {
          f = f.multiply(BigInteger.valueOf(i));
        }
        yield new Exact(Rational.of(f, BigInteger.ONE));
      }
      case Expr.Binom(Expr n, Expr k) -> {
        BigInteger a = count(of(n));
        BigInteger b = count(of(k));
        if (a == null || b == null || a.signum() < 0) {
          yield null;
        }
        BigInteger c = BigInteger.ZERO;
        if (b.signum() >= 0 && b.compareTo(a) <= 0) {
          c = BigInteger.ONE;
          for (int i = 0; i < b.intValueExact(); i++) {
            c = c.multiply(a.subtract(BigInteger.valueOf(i))).divide(BigInteger.valueOf(i + 1));
          }
        }
        yield new Exact(Rational.of(c, BigInteger.ONE));
      }
      case Expr.Root(Expr b, Expr n) -> {
        ConstantValue index = of(n);
        yield index instanceof Exact(Rational k) && k.num().signum() != 0
            ? power(of(b), new Exact(Rational.ONE.div(k))) : null;
      }
    };
  }


  /** The integer an exact value holds (at most 10,000 in size), else null. */
  static BigInteger count(ConstantValue v) {
    return v instanceof Exact(Rational r) && r.isInteger() && r.num().abs().compareTo(BigInteger.valueOf(10_000)) <= 0
        ? r.num() : null;
  }

  static ConstantValue map(ConstantValue v, java.util.function.UnaryOperator<Rational> exact,
      java.util.function.DoubleUnaryOperator approx) {
    return switch (v) {
      case null -> null;
      case Exact(Rational r) -> new Exact(exact.apply(r));
      case Approx(double d) -> new Approx(approx.applyAsDouble(d));
    };
  }

  static ConstantValue combine(ConstantValue a, ConstantValue b, java.util.function.BinaryOperator<Rational> exact,
      java.util.function.DoubleBinaryOperator approx) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof Exact(Rational x) && b instanceof Exact(Rational y)) {
      return new Exact(exact.apply(x, y));
    }
    return new Approx(approx.applyAsDouble(a.toDouble(), b.toDouble()));
  }

  static ConstantValue divide(ConstantValue a, ConstantValue b) throws Undefined {
    if (a == null || b == null) {
      return null;
    }
    if (b.toDouble() == 0 && (b instanceof Approx || ((Exact) b).value().num().signum() == 0)) {
      throw new Undefined();
    }
    return combine(a, b, Rational::div, (x, y) -> x / y);
  }

  static ConstantValue power(ConstantValue base, ConstantValue exponent) throws Undefined {
    if (base == null || exponent == null) {
      return null;
    }
    if (base instanceof Exact(Rational b) && exponent instanceof Exact(Rational x)) {
      if (b.num().signum() == 0 && x.num().signum() < 0) {
        throw new Undefined();
      }
      BigInteger p = x.num();
      BigInteger q = x.den();
      if (p.abs().bitLength() > 20 || q.bitLength() > 14
          || (long) Math.max(b.num().bitLength(), b.den().bitLength()) * p.abs().longValue() > 1_000_000) {
        return null; // too large to expand exactly: decided numerically
      }
      Rational root = q.equals(BigInteger.ONE) ? b : b.root(q.intValue());
      return root == null ? null : new Exact(root.pow(p.intValue()));
    }
    double b = base.toDouble();
    double x = exponent.toDouble();
    if (b < 0 && x != Math.rint(x)) {
      return null; // a complex value: decided numerically
    }
    if (b == 0 && x < 0) {
      throw new Undefined();
    }
    return new Approx(Math.pow(b, x));
  }
}
