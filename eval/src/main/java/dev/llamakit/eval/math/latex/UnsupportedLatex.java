package dev.llamakit.eval.math.latex;

/**
 * A form sympy's grammar accepts but this package does not evaluate (functions such as {@code \sin} or {@code f(x)},
 * sums, integrals, limits, derivatives, subscripts on powers): no verdict can be reproduced.
 */
final class UnsupportedLatex extends Exception {
  UnsupportedLatex(String what) {
    super(what, null, false, false);
  }
}
