package dev.llamakit.eval.math.latex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * lm-eval's {@code minerva_math} {@code is_equiv(x1, x2)} (lm_eval/tasks/minerva_math/utils.py, commit 4e7e0d47f)
 * without sympy: both normalised answers are read as sympy 1.14's {@code parse_latex} reads them ({@link LatexParser})
 * and scored 1 when {@code simplify(a - b) == 0} would hold:
 * <ul>
 *   <li>either fails to parse ({@code [0,1)}, {@code (1,2)}, {@code \sqrt2}, {@code 10\%}, {@code \$5}...): 0;
 *   <li>either is a relation ({@code x=5}: sympy cannot subtract an equation) or holds {@code \infty}
 *   ({@code oo - oo} is {@code nan}): 0;
 *   <li>both without symbols and rational: exact fractions, or doubles where a decimal is involved, compared exactly
 *   (sympy's 53-bit {@code Float}: {@code 0.1} equals {@code 1/10}, {@code 0.1+0.2} does not equal {@code 0.3});
 *   division by zero: 0;
 *   <li>otherwise (symbols, including {@code \pi}, which {@code parse_latex} reads as a plain symbol; irrational roots):
 *   the difference is evaluated in complex doubles at 8 points drawn with a fixed seed (each symbol's real and
 *   imaginary parts in [-2, 2], at least 0.3 from 0), principal branches; 1 when
 *   {@code |a - b| <= 1e-9 * max(1, |a|, |b|)} at every point where both are finite (at least 4 of them).
 * </ul>
 * {@code |x|} is the complex modulus; {@code n!} and {@code \binom{n}{k}} are evaluated for integer constants; an
 * undefined function ({@code f(x)}, and {@code x(x+1)}, which sympy reads as one) is a fixed pseudo-random function of
 * its name and arity; {@code \sin}, {@code \cos}, {@code \tan}, {@code \csc}, {@code \sec}, {@code \cot}, their
 * hyperbolic forms, {@code \exp} and {@code \log} are evaluated on principal branches. Forms {@code parse_latex}
 * accepts but this class does not evaluate (inverse trigonometric functions, factorials and binomials of anything
 * else, sums, integrals, derivatives) get {@link Reason#UNSUPPORTED}: {@link #equivalent} then
 * compares the strings, which is what sympy answers for equal strings of those forms but not for different spellings.
 */
public final class MinervaEquivalence {
  private static final int POINTS = 8;
  private static final int MIN_POINTS = 4;
  private static final double TOLERANCE = 1e-9;
  private static final long SEED = 0x5EED_2026L;

  /** Why a verdict was reached. */
  public enum Reason {
    /** Both rational without decimals: exact fractions. */
    EXACT,
    /** Both constant with a decimal: compared as sympy's 53-bit floats. */
    FLOAT,
    /** Symbols or irrational values: compared at seeded points. */
    NUMERIC,
    /** {@code parse_latex} fails on either: lm-eval scores 0. */
    NOT_PARSED,
    /** An equation or inequality: sympy cannot subtract it, lm-eval scores 0. */
    RELATION,
    /** {@code \infty} or a division by zero: the difference is {@code nan} or {@code zoo}, never 0. */
    UNDEFINED,
    /** A form this class does not evaluate: decided by string equality. */
    UNSUPPORTED,
    /** Reading took more than {@code LatexParser.MAX_STEPS} factors: 0, as lm-eval's 5 s alarm scores. */
    TIMEOUT
  }

  /** A verdict and how it was reached. */
  public record Verdict(boolean equivalent, Reason reason) {}

  private MinervaEquivalence() {}

  /** lm-eval's {@code is_equiv(a, b)} on two normalised answers. */
  public static boolean equivalent(String a, String b) {
    return decide(a, b).equivalent();
  }

  /** The verdict with its reason. */
  public static Verdict decide(String a, String b) {
    try {
      return decideOrOverflow(a, b);
    } catch (StackOverflowError e) { // nesting too deep to read: sympy's RecursionError, which is_equiv scores 0
      return new Verdict(false, Reason.NOT_PARSED);
    } catch (LatexParser.OutOfSteps e) {
      return new Verdict(false, Reason.TIMEOUT);
    }
  }

  private static Verdict decideOrOverflow(String a, String b) {
    LatexParser.Parsed pa;
    LatexParser.Parsed pb;
    try {
      pa = LatexParser.parse(a);
      pb = LatexParser.parse(b);
    } catch (LatexSyntaxError e) {
      return new Verdict(false, Reason.NOT_PARSED);
    } catch (UnsupportedLatex e) {
      return new Verdict(a.strip().equals(b.strip()), Reason.UNSUPPORTED);
    }
    if (pa.relation() || pb.relation()) {
      return new Verdict(false, Reason.RELATION);
    }
    Expr x = pa.expr();
    Expr y = pb.expr();
    if (Expr.has(x, Expr.Infinity.class) || Expr.has(y, Expr.Infinity.class)) {
      return new Verdict(false, Reason.UNDEFINED);
    }
    if (!countsOnly(x) || !countsOnly(y)) { // factorial(n), binomial(x, 2)...: sympy's gamma functions, not here
      return new Verdict(a.strip().equals(b.strip()), Reason.UNSUPPORTED);
    }
    try {
      ConstantValue cx = ConstantValue.of(x);
      ConstantValue cy = ConstantValue.of(y);
      if (cx instanceof ConstantValue.Exact(Rational r) && cy instanceof ConstantValue.Exact(Rational s)) {
        return new Verdict(r.equals(s), Reason.EXACT);
      }
      if (cx != null && cy != null) {
        return new Verdict(cx.toDouble() == cy.toDouble(), Reason.FLOAT);
      }
    } catch (ConstantValue.Undefined e) {
      return new Verdict(false, Reason.UNDEFINED);
    }
    boolean fx = radical(x, true);
    boolean fy = radical(y, true);
    if ((fx && !fy && radical(y, false)) || (fy && !fx && radical(x, false))) {
      // sympy evaluates a root of a decimal to a Float, which never cancels an exact radical (sqrt(0.5) - sqrt(2)/2)
      return new Verdict(false, Reason.NUMERIC);
    }
    return new Verdict(numericallyEqual(x, y), Reason.NUMERIC);
  }

  private static boolean numericallyEqual(Expr x, Expr y) {
    Set<String> names = new TreeSet<>(Expr.symbols(x));
    names.addAll(Expr.symbols(y));
    List<String> symbols = List.copyOf(names);
    SplittableRandom random = new SplittableRandom(SEED);
    int finite = 0;
    for (int i = 0; i < (symbols.isEmpty() ? 1 : POINTS); i++) {
      Map<String, Complex> point = new HashMap<>();
      for (String s : symbols) {
        point.put(s, new Complex(coordinate(random), coordinate(random)));
      }
      Complex a = ComplexValue.at(x, point);
      Complex b = ComplexValue.at(y, point);
      if (!a.isFinite() || !b.isFinite()) {
        continue;
      }
      if (a.sub(b).abs() > TOLERANCE * Math.max(1, Math.max(a.abs(), b.abs()))) {
        return false;
      }
      finite++;
    }
    return finite >= (symbols.isEmpty() ? 1 : MIN_POINTS);
  }

  /** Whether every factorial and binomial of {@code e} is of integer constants (n! with n >= 0, binom with n >= 0). */
  private static boolean countsOnly(Expr e) {
    return switch (e) {
      case Expr.Factorial(Expr o) -> integer(o, true) && countsOnly(o);
      case Expr.Binom(Expr n, Expr k) -> integer(n, true) && integer(k, false) && countsOnly(n) && countsOnly(k);
      case Expr.Root(Expr b, Expr n) -> countsOnly(b) && countsOnly(n);
      case Expr.Pow(Expr b, Expr n) -> countsOnly(b) && countsOnly(n);
      case Expr.Add(Expr l, Expr r) -> countsOnly(l) && countsOnly(r);
      case Expr.Sub(Expr l, Expr r) -> countsOnly(l) && countsOnly(r);
      case Expr.Mul(Expr l, Expr r) -> countsOnly(l) && countsOnly(r);
      case Expr.Div(Expr l, Expr r) -> countsOnly(l) && countsOnly(r);
      case Expr.Neg(Expr o) -> countsOnly(o);
      case Expr.Abs(Expr o) -> countsOnly(o);
      case Expr.Apply(String f, List<Expr> args) -> args.stream().allMatch(MinervaEquivalence::countsOnly);
      case Expr.Func(String f, Expr arg, Expr base) -> countsOnly(arg) && (base == null || countsOnly(base));
      case Expr.Num n -> true;
      case Expr.Sym s -> true;
      case Expr.Infinity i -> true;
    };
  }

  private static boolean integer(Expr e, boolean nonNegative) {
    try {
      java.math.BigInteger n = ConstantValue.count(ConstantValue.of(e));
      return n != null && (!nonNegative || n.signum() >= 0);
    } catch (ConstantValue.Undefined u) {
      return false;
    }
  }

  /**
   * Whether {@code e} holds a root or fractional power of constants that is irrational: of a decimal (sympy computes a
   * {@code Float}) when {@code ofDecimal}, else of exact numbers (sympy keeps it symbolic, as {@code sqrt(2)}).
   */
  private static boolean radical(Expr e, boolean ofDecimal) {
    return switch (e) {
      case Expr.Root(Expr b, Expr n) -> irrational(e, b, n, ofDecimal) || radical(b, ofDecimal) || radical(n, ofDecimal);
      case Expr.Pow(Expr b, Expr n) -> irrational(e, b, n, ofDecimal) || radical(b, ofDecimal) || radical(n, ofDecimal);
      case Expr.Add(Expr l, Expr r) -> radical(l, ofDecimal) || radical(r, ofDecimal);
      case Expr.Sub(Expr l, Expr r) -> radical(l, ofDecimal) || radical(r, ofDecimal);
      case Expr.Mul(Expr l, Expr r) -> radical(l, ofDecimal) || radical(r, ofDecimal);
      case Expr.Div(Expr l, Expr r) -> radical(l, ofDecimal) || radical(r, ofDecimal);
      case Expr.Neg(Expr o) -> radical(o, ofDecimal);
      case Expr.Abs(Expr o) -> radical(o, ofDecimal);
      case Expr.Apply(String f, List<Expr> args) -> args.stream().anyMatch(a -> radical(a, ofDecimal));
      case Expr.Func(String f, Expr arg, Expr base) -> radical(arg, ofDecimal) || (base != null && radical(base, ofDecimal));
      case Expr.Factorial f -> false;
      case Expr.Binom b -> false;
      case Expr.Num n -> false;
      case Expr.Sym s -> false;
      case Expr.Infinity i -> false;
    };
  }

  private static boolean irrational(Expr node, Expr base, Expr exponent, boolean ofDecimal) {
    if (!Expr.symbols(base).isEmpty() || !Expr.symbols(exponent).isEmpty()) {
      return false;
    }
    boolean decimal = Expr.has(base, Expr.Num.class) || Expr.has(exponent, Expr.Num.class);
    if (decimal != ofDecimal) {
      return false;
    }
    try {
      if (decimal) {
        ConstantValue x = ConstantValue.of(exponent);
        return node instanceof Expr.Root || (x != null && x.toDouble() != Math.rint(x.toDouble()));
      }
      return ConstantValue.of(node) == null;
    } catch (ConstantValue.Undefined u) {
      return false;
    }
  }

  private static double coordinate(SplittableRandom random) {
    double v = random.nextDouble(0.3, 2.0);
    return random.nextBoolean() ? v : -v;
  }
}
