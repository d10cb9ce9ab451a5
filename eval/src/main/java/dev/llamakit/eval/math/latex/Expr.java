package dev.llamakit.eval.math.latex;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/** The sympy expression {@code parse_latex} builds, for the forms this package evaluates. */
sealed interface Expr {
  /** An integer (exact) or a decimal with a point, which sympy reads as a {@code Float} ({@code isFloat}). */
  record Num(BigDecimal value, boolean isFloat) implements Expr {}

  /** A free symbol: a letter, a backslash word ({@code pi}, {@code alpha}, {@code text}...), with its subscript. */
  record Sym(String name) implements Expr {}

  /** {@code \infty} (sympy's {@code oo}). */
  record Infinity() implements Expr {}

  record Add(Expr left, Expr right) implements Expr {}

  record Sub(Expr left, Expr right) implements Expr {}

  record Mul(Expr left, Expr right) implements Expr {}

  record Div(Expr left, Expr right) implements Expr {}

  record Neg(Expr operand) implements Expr {}

  record Pow(Expr base, Expr exponent) implements Expr {}

  /** {@code \sqrt[index]{base}}: sympy's {@code root(base, index)}, the principal root. */
  record Root(Expr base, Expr index) implements Expr {}

  /** {@code |x|}: sympy's {@code Abs}, the modulus of a complex value. */
  record Abs(Expr operand) implements Expr {}

  /** {@code n!}: sympy's {@code factorial}, evaluated here for non-negative integer constants only. */
  record Factorial(Expr operand) implements Expr {}

  /** {@code \binom{n}{k}}: sympy's {@code binomial}, evaluated here for non-negative integer constants only. */
  record Binom(Expr n, Expr k) implements Expr {}

  /**
   * {@code f(a, b)}: a letter or backslash word (with its subscript) applied to arguments, which sympy reads as an
   * undefined function (so {@code x(x+1)} is not {@code x^2+x}).
   */
  record Apply(String name, java.util.List<Expr> args) implements Expr {}

  /**
   * A named function of sympy's grammar: {@code sin cos tan csc sec cot sinh cosh tanh exp}, or {@code log} of
   * {@code base} (e for {@code \\log} and {@code \\ln}, 10 for {@code \\lg}, else the subscript).
   */
  record Func(String name, Expr arg, Expr base) implements Expr {}

  /** The names of the free symbols of {@code e}. */
  static Set<String> symbols(Expr e) {
    Set<String> out = new TreeSet<>();
    collect(e, out);
    return out;
  }

  /** Whether {@code e} holds a node of {@code kind} (for {@link Num}: a decimal). */
  static boolean has(Expr e, Class<? extends Expr> kind) {
    return switch (e) {
      case Num n -> kind == Num.class && n.isFloat();
      case Sym s -> false;
      case Infinity i -> kind == Infinity.class;
      case Add(Expr l, Expr r) -> has(l, kind) || has(r, kind);
      case Sub(Expr l, Expr r) -> has(l, kind) || has(r, kind);
      case Mul(Expr l, Expr r) -> has(l, kind) || has(r, kind);
      case Div(Expr l, Expr r) -> has(l, kind) || has(r, kind);
      case Neg(Expr o) -> has(o, kind);
      case Pow(Expr b, Expr x) -> has(b, kind) || has(x, kind);
      case Root(Expr b, Expr x) -> has(b, kind) || has(x, kind);
      case Abs(Expr o) -> has(o, kind);
      case Factorial(Expr o) -> kind == Factorial.class || has(o, kind);
      case Binom(Expr n, Expr k) -> kind == Binom.class || has(n, kind) || has(k, kind);
      case Apply(String f, java.util.List<Expr> args) -> kind == Apply.class || args.stream().anyMatch(a -> has(a, kind));
      case Func(String f, Expr a, Expr b) -> has(a, kind) || (b != null && has(b, kind));
    };
  }

  private static void collect(Expr e, Set<String> out) {
    switch (e) {
      case Sym s -> out.add(s.name());
      case Add(Expr l, Expr r) -> { collect(l, out); collect(r, out); }
      case Sub(Expr l, Expr r) -> { collect(l, out); collect(r, out); }
      case Mul(Expr l, Expr r) -> { collect(l, out); collect(r, out); }
      case Div(Expr l, Expr r) -> { collect(l, out); collect(r, out); }
      case Neg(Expr o) -> collect(o, out);
      case Pow(Expr b, Expr x) -> { collect(b, out); collect(x, out); }
      case Root(Expr b, Expr x) -> { collect(b, out); collect(x, out); }
      case Abs(Expr o) -> collect(o, out);
      case Factorial(Expr o) -> collect(o, out);
      case Binom(Expr n, Expr k) -> { collect(n, out); collect(k, out); }
      case Apply(String f, java.util.List<Expr> args) -> args.forEach(a -> collect(a, out));
      case Func(String f, Expr a, Expr b) -> { collect(a, out); if (b != null) { collect(b, out); } }
      case Num n -> { }
      case Infinity i -> { }
    }
  }
}
