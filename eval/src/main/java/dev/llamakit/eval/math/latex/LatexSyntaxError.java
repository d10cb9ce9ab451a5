package dev.llamakit.eval.math.latex;

/** Where sympy's {@code parse_latex} raises {@code LaTeXParsingError}: lm-eval's {@code is_equiv} then answers 0. */
final class LatexSyntaxError extends Exception {
  LatexSyntaxError(String message, int at) {
    super(message + " at " + at, null, false, false);
  }
}
