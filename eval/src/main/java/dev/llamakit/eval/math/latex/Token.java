package dev.llamakit.eval.math.latex;

/** One token of sympy's LaTeX lexer ({@code LaTeX.g4}): its kind, its source text and where it starts. */
record Token(Kind kind, String text, int at) {
  /** The token kinds this package tells apart (several of sympy's lexer rules share one kind here). */
  enum Kind {
    PLUS, MINUS, STAR, SLASH, L_PAREN, R_PAREN, L_BRACE, R_BRACE, L_BRACE_LITERAL, R_BRACE_LITERAL, L_BRACKET,
    R_BRACKET, BAR, CARET, UNDERSCORE, COLON, BANG, COMMA, DOT, QUOTES, DIGIT, LETTER, DIFFERENTIAL, SYMBOL, FRAC,
    SQRT, TIMES, CDOT, DIV, RELATION,
    /** A named function this package evaluates: {@code \\sin}, {@code \\log}, {@code \\exp}... */
    FUNC,
    /** A command sympy's grammar gives a meaning this package does not evaluate (functions, sums, binomials...). */
    UNSUPPORTED,
    /** A command sympy lexes but no expression rule starts with ({@code \to}, {@code \rightarrow}...). */
    STRAY,
    EOF
  }
}
