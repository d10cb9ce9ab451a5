package dev.llamakit.eval.math.latex;

import java.util.Map;

/** The value of an expression at a point (a complex value per symbol), powers and roots on their principal branch. */
final class ComplexValue {
  private ComplexValue() {}

  static Complex at(Expr e, Map<String, Complex> point) {
    return switch (e) {
      case Expr.Num n -> Complex.real(n.value().doubleValue());
      case Expr.Sym s -> point.get(s.name());
      case Expr.Infinity i -> Complex.real(Double.POSITIVE_INFINITY);
      case Expr.Neg(Expr o) -> at(o, point).negate();
      case Expr.Add(Expr l, Expr r) -> at(l, point).add(at(r, point));
      case Expr.Sub(Expr l, Expr r) -> at(l, point).sub(at(r, point));
      case Expr.Mul(Expr l, Expr r) -> at(l, point).mul(at(r, point));
      case Expr.Div(Expr l, Expr r) -> at(l, point).div(at(r, point));
      case Expr.Pow(Expr b, Expr x) -> power(at(b, point), x, point);
      case Expr.Root(Expr b, Expr n) -> at(b, point).pow(Complex.real(1).div(at(n, point)));
      case Expr.Abs(Expr o) -> Complex.real(at(o, point).abs());
      case Expr.Factorial f -> constant(f);
      case Expr.Binom b -> constant(b);
      case Expr.Apply(String name, java.util.List<Expr> args) -> apply(name, args, point);
      case Expr.Func(String name, Expr arg, Expr base) -> function(name, at(arg, point),
          base == null ? null : at(base, point));
    };
  }

  /**
   * An undefined function at its arguments: a fixed function drawn from the name and arity (per argument a cubic plus
   * an exponential, and a product term), so the same call agrees with itself and hardly ever with anything else.
   */
  private static Complex apply(String name, java.util.List<Expr> args, Map<String, Complex> point) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(name.hashCode() * 31L + args.size());
    Complex sum = Complex.real(r.nextDouble(-1, 1));
    Complex product = Complex.real(r.nextDouble(0.5, 1.5));
    for (Expr a : args) {
      Complex z = at(a, point);
      sum = sum.add(z.mul(Complex.real(r.nextDouble(-2, 2)))).add(z.pow(2).mul(Complex.real(r.nextDouble(-1, 1))))
          .add(z.pow(3).mul(Complex.real(r.nextDouble(-0.5, 0.5))))
          .add(Complex.real(Math.E).pow(z.mul(Complex.real(r.nextDouble(0.2, 0.8)))));
      product = product.mul(z);
    }
    return sum.add(product);
  }

  /** sympy's named functions on their principal branches. */
  private static Complex function(String name, Complex z, Complex base) {
    return switch (name) {
      case "sin" -> z.sin();
      case "cos" -> z.cos();
      case "tan" -> z.sin().div(z.cos());
      case "csc" -> Complex.real(1).div(z.sin());
      case "sec" -> Complex.real(1).div(z.cos());
      case "cot" -> z.cos().div(z.sin());
      case "sinh" -> z.sinh();
      case "cosh" -> z.cosh();
      case "tanh" -> z.sinh().div(z.cosh());
      case "exp" -> z.exp();
      case "log" -> base == null ? z.log() : z.log().div(base.log());
      default -> throw new IllegalStateException(name);
    };
  }

  /** A factorial or binomial of integer constants (the only ones {@link MinervaEquivalence} lets through). */
  private static Complex constant(Expr e) {
    try {
      ConstantValue c = ConstantValue.of(e);
      return c == null ? new Complex(Double.NaN, Double.NaN) : Complex.real(c.toDouble());
    } catch (ConstantValue.Undefined u) {
      return new Complex(Double.NaN, Double.NaN);
    }
  }

  private static Complex power(Complex base, Expr exponent, Map<String, Complex> point) {
    ConstantValue c;
    try {
      c = ConstantValue.of(exponent);
    } catch (ConstantValue.Undefined u) {
      return new Complex(Double.NaN, Double.NaN);
    }
    if (c instanceof ConstantValue.Exact(Rational r) && r.isInteger() && r.num().bitLength() < 20) {
      return base.pow(r.num().longValue());
    }
    return base.pow(at(exponent, point));
  }
}
