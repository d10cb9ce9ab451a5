package dev.llamakit.eval.math.latex;

import dev.llamakit.eval.math.latex.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent reading of sympy 1.14's {@code LaTeX.g4} parser rules ({@code relation}, {@code additive},
 * {@code mp}, {@code unary}, {@code postfix}, {@code exp}, {@code comp}, {@code group}, {@code atom}, {@code number},
 * {@code frac}, {@code sqrt}) with ANTLR's choices where they matter:
 * <ul>
 *   <li>the start rule {@code math: relation} has no {@code EOF}: the longest expression that parses is taken and
 *   the rest ignored ({@code 1,2} is 1, {@code 5)} is 5), but an unclosed group fails ({@code [0,1)}, {@code (1,2)});
 *   <li>a loop (terms, factors, the juxtaposed factors of implicit multiplication, exponents) stops where its next
 *   round would not parse, as ANTLR's full-context prediction picks the loop's exit then;
 *   <li>operators are left-associative and the right operand of {@code *}, {@code /}, {@code \cdot}... is a whole
 *   implicit product ({@code 1/2x} is {@code 1/(2x)}), a {@code ^} takes one atom or a braced group
 *   ({@code 2^10} is {@code 2^{10}}: digits are read as one number), {@code \frac12} takes single digits;
 *   <li>{@code \pi}, {@code \text}, {@code \alpha} are plain symbols, {@code i} and {@code e} plain letters, and a
 *   symbol {@code x} between two factors without symbols is read as a times sign ({@code 3 x 4} is 12);
 *   <li>a letter or word followed by a parenthesised argument list is an undefined function applied to it
 *   ({@code x(x+1)}, {@code n(n+1)}), as sympy's {@code func} alternative comes before {@code atom}.
 * </ul>
 * Forms the grammar accepts but this package does not evaluate throw {@link UnsupportedLatex}.
 */
final class LatexParser {
  private static final Set<Kind> COMP_START = EnumSet.of(Kind.L_PAREN, Kind.L_BRACKET, Kind.L_BRACE,
      Kind.L_BRACE_LITERAL, Kind.BAR, Kind.LETTER, Kind.SYMBOL, Kind.DIGIT, Kind.DIFFERENTIAL, Kind.FRAC, Kind.SQRT,
      Kind.UNSUPPORTED, Kind.FUNC);
  private static final Set<Kind> MUL_OPS = EnumSet.of(Kind.STAR, Kind.TIMES, Kind.CDOT, Kind.SLASH, Kind.DIV,
      Kind.COLON);

  /** A parsed answer: its expression and whether it was a relation ({@code x = 5}, {@code a < b}). */
  record Parsed(Expr expr, boolean relation) {}

  /** Factors read, retries included, before a reading is abandoned (backtracking is exponential on nested calls). */
  static final int MAX_STEPS = 200_000;

  /** The reading took more than {@link #MAX_STEPS}: the analogue of lm-eval's 5 s alarm, which scores 0. */
  static final class OutOfSteps extends RuntimeException {
    OutOfSteps() {
      super("too many steps", null, false, false);
    }
  }

  private final List<Token> tokens;
  private int at;
  private int steps;

  private LatexParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** {@code parse_latex(s)}, for the forms this package evaluates. */
  static Parsed parse(String s) throws LatexSyntaxError, UnsupportedLatex {
    LatexParser p = new LatexParser(LatexLexer.tokens(s.strip()));
    return p.relation();
  }

  private Parsed relation() throws LatexSyntaxError, UnsupportedLatex {
    Expr e = expr();
    boolean relation = false;
    while (peek() == Kind.RELATION) {
      int save = at;
      at++;
      try {
        expr();
        relation = true;
      } catch (LatexSyntaxError fail) {
        at = save;
        break;
      }
    }
    return new Parsed(e, relation);
  }

  private Expr expr() throws LatexSyntaxError, UnsupportedLatex {
    Expr left = mp(false);
    while (peek() == Kind.PLUS || peek() == Kind.MINUS) {
      int save = at;
      boolean plus = next().kind() == Kind.PLUS;
      Expr right;
      try {
        right = mp(false);
      } catch (LatexSyntaxError fail) {
        at = save;
        break;
      }
      left = plus ? new Expr.Add(left, right) : new Expr.Sub(left, right);
    }
    return left;
  }

  /** sympy's {@code mp}, or {@code mp_nofunc} (a function's argument without parentheses) when {@code nofunc}. */
  private Expr mp(boolean nofunc) throws LatexSyntaxError, UnsupportedLatex {
    Expr left = unary(nofunc);
    while (MUL_OPS.contains(peek())) {
      int save = at;
      Kind op = next().kind();
      Expr right;
      try {
        right = unary(nofunc);
      } catch (LatexSyntaxError fail) {
        at = save;
        break;
      }
      left = op == Kind.SLASH || op == Kind.DIV || op == Kind.COLON ? new Expr.Div(left, right)
          : new Expr.Mul(left, right);
    }
    return left;
  }

  private Expr unary(boolean nofunc) throws LatexSyntaxError, UnsupportedLatex {
    if (peek() == Kind.PLUS || peek() == Kind.MINUS) {
      boolean minus = next().kind() == Kind.MINUS;
      Expr operand = unary(nofunc);
      return minus ? new Expr.Neg(operand) : operand;
    }
    List<Expr> factors = new ArrayList<>();
    factors.add(postfix(false)); // unary_nofunc: postfix postfix_nofunc*
    while (COMP_START.contains(peek())) {
      int save = at;
      try {
        factors.add(postfix(nofunc));
      } catch (LatexSyntaxError fail) {
        at = save;
        break;
      }
    }
    return product(factors);
  }

  /** sympy's {@code convert_postfix_list}: a product, a lone symbol {@code x} between constants being a times sign. */
  private static Expr product(List<Expr> factors) {
    Expr out = null;
    for (int i = 0; i < factors.size(); i++) {
      Expr f = factors.get(i);
      if (i > 0 && i < factors.size() - 1 && f.equals(new Expr.Sym("x"))
          && Expr.symbols(factors.get(i - 1)).isEmpty() && Expr.symbols(factors.get(i + 1)).isEmpty()) {
        continue;
      }
      out = out == null ? f : new Expr.Mul(out, f);
    }
    return out;
  }

  private Expr postfix(boolean nofunc) throws LatexSyntaxError, UnsupportedLatex {
    Expr e = exp(nofunc);
    while (peek() == Kind.BANG) {
      at++;
      e = new Expr.Factorial(e);
    }
    if (peek() == Kind.BAR && (peek(1) == Kind.CARET || peek(1) == Kind.UNDERSCORE)) {
      throw new UnsupportedLatex("evaluation bar");
    }
    return e;
  }

  private Expr exp(boolean nofunc) throws LatexSyntaxError, UnsupportedLatex {
    Expr base = comp(nofunc);
    while (peek() == Kind.CARET) {
      int save = at;
      at++;
      Expr exponent;
      try {
        if (peek() == Kind.L_BRACE) {
          at++;
          exponent = expr();
          expect(Kind.R_BRACE);
        } else {
          exponent = atom();
        }
      } catch (LatexSyntaxError fail) {
        at = save;
        break;
      }
      if (peek() == Kind.UNDERSCORE) {
        throw new UnsupportedLatex("subscript after a power");
      }
      base = new Expr.Pow(base, exponent);
    }
    return base;
  }

  private Expr comp(boolean nofunc) throws LatexSyntaxError, UnsupportedLatex {
    if (++steps > MAX_STEPS) {
      throw new OutOfSteps();
    }
    if (nofunc && (peek() == Kind.SQRT || peek() == Kind.FUNC
        || (peek() == Kind.UNSUPPORTED && !tokens.get(at).text().endsWith("binom")))) {
      throw new LatexSyntaxError("a function cannot follow here", tokens.get(at).at()); // not a comp_nofunc
    }
    if (nofunc && (peek() == Kind.LETTER || peek() == Kind.SYMBOL)) {
      return atom();
    }
    switch (peek()) {
      case FUNC -> {
        return function();
      }
      case L_PAREN -> {
        return group(Kind.R_PAREN);
      }
      case L_BRACKET -> {
        return group(Kind.R_BRACKET);
      }
      case L_BRACE -> {
        return group(Kind.R_BRACE);
      }
      case L_BRACE_LITERAL -> {
        return group(Kind.R_BRACE_LITERAL);
      }
      case BAR -> {
        return new Expr.Abs(group(Kind.BAR));
      }
      case UNSUPPORTED -> {
        if (tokens.get(at).text().endsWith("binom")) {
          return atom();
        }
        throw new UnsupportedLatex(tokens.get(at).text());
      }
      case SQRT -> {
        at++;
        Expr index = null;
        if (peek() == Kind.L_BRACKET) {
          at++;
          index = expr();
          expect(Kind.R_BRACKET);
        }
        expect(Kind.L_BRACE);
        Expr base = expr();
        expect(Kind.R_BRACE);
        return new Expr.Root(base, index == null ? new Expr.Num(BigDecimal.TWO, false) : index);
      }
      case LETTER, SYMBOL -> { // sympy's func alternative comes first: f(args) when it parses, else the atom
        int save = at;
        Expr head = atom();
        if (head instanceof Expr.Sym(String name) && peek() == Kind.L_PAREN) {
          int open = at;
          try {
            at++;
            List<Expr> args = new ArrayList<>();
            args.add(expr());
            while (peek() == Kind.COMMA) {
              at++;
              args.add(expr());
            }
            expect(Kind.R_PAREN);
            return new Expr.Apply(name, List.copyOf(args));
          } catch (LatexSyntaxError fail) {
            at = open;
          }
        }
        return head;
      }
      default -> {
        return atom();
      }
    }
  }

  /** sympy's {@code func_normal} alternative: a named function, its sub/superscript, its argument. */
  private Expr function() throws LatexSyntaxError, UnsupportedLatex {
    int start = at;
    int limit = Integer.MAX_VALUE;
    while (true) {
      at = start;
      int[] used = {0};
      try {
        return functionOnce(limit, used);
      } catch (LatexSyntaxError fail) {
        // ANTLR's prediction gives digits of a script number back when the argument needs them: \log_2 8, \log_3 27
        if (used[0] <= 1) {
          throw fail;
        }
        limit = used[0] - 1;
      }
    }
  }

  /** One reading of a function, script numbers taking at most {@code limit} digits ({@code used[0]}: the most taken). */
  private Expr functionOnce(int limit, int[] used) throws LatexSyntaxError, UnsupportedLatex {
    String name = next().text().substring(1);
    Expr sub = null;
    Expr sup = null;
    for (int i = 0; i < 2; i++) {
      if (peek() == Kind.UNDERSCORE && sub == null) {
        at++;
        sub = script(limit, used);
      } else if (peek() == Kind.CARET && sup == null) {
        at++;
        sup = script(limit, used);
      }
    }
    Expr arg = null;
    if (peek() == Kind.L_PAREN) {
      int save = at;
      try {
        at++;
        arg = expr();
        if (peek() == Kind.COMMA) {
          throw new UnsupportedLatex("a function of several arguments");
        }
        expect(Kind.R_PAREN);
      } catch (LatexSyntaxError fail) {
        at = save;
        arg = null;
      }
    }
    if (arg == null) {
      arg = mp(true);
    }
    boolean log = name.equals("log") || name.equals("ln") || name.equals("lg");
    Expr base = log && sub != null ? sub : name.equals("lg") ? new Expr.Num(BigDecimal.TEN, false) : null;
    Expr f = new Expr.Func(log ? "log" : name, arg, base);
    if (sup == null || sup.equals(new Expr.Num(BigDecimal.ZERO, false))) { // sympy: a power of 0 is dropped
      return f;
    }
    if (!log && !name.equals("exp") && sup.equals(new Expr.Neg(new Expr.Num(BigDecimal.ONE, false)))) {
      throw new UnsupportedLatex("inverse function " + name + "^{-1}");
    }
    return new Expr.Pow(f, sup);
  }

  private Expr script(int limit, int[] used) throws LatexSyntaxError, UnsupportedLatex {
    if (peek() == Kind.L_BRACE) {
      at++;
      Expr e = expr();
      expect(Kind.R_BRACE);
      return e;
    }
    if (peek() == Kind.DIGIT) {
      int from = at;
      while (at - from < limit && peek() == Kind.DIGIT) {
        at++;
      }
      used[0] = Math.max(used[0], at - from);
      return new Expr.Num(new BigDecimal(text(from, at)), false);
    }
    return atom();
  }

  private Expr group(Kind close) throws LatexSyntaxError, UnsupportedLatex {
    at++;
    Expr e = expr();
    expect(close);
    return e;
  }

  private Expr atom() throws LatexSyntaxError, UnsupportedLatex {
    Token t = tokens.get(at);
    switch (t.kind()) {
      case LETTER, SYMBOL -> {
        at++;
        if (t.kind() == Kind.SYMBOL && t.text().equals("infty")) {
          if (peek() == Kind.UNDERSCORE || peek() == Kind.QUOTES) {
            throw new UnsupportedLatex("subscripted infinity");
          }
          return new Expr.Infinity();
        }
        StringBuilder name = new StringBuilder(t.text());
        String quotes = "";
        if (peek() == Kind.QUOTES) {
          quotes = next().text();
        }
        if (peek() == Kind.UNDERSCORE) {
          int save = at;
          try {
            name.append("_{").append(subscript()).append('}');
          } catch (LatexSyntaxError fail) { // a subscript that does not parse ends the atom (ANTLR's loop exit)
            at = save;
            name.setLength(t.text().length());
          }
        }
        if (quotes.isEmpty() && peek() == Kind.QUOTES) {
          quotes = next().text();
        }
        return new Expr.Sym(name + quotes);
      }
      case DIGIT -> {
        return number();
      }
      case DIFFERENTIAL -> {
        at++;
        return new Expr.Sym(t.text());
      }
      case FRAC -> {
        at++;
        Expr upper = fracPart();
        if (peek() == Kind.DIFFERENTIAL || (peek() == Kind.L_BRACE && peek(1) == Kind.DIFFERENTIAL
            && peek(2) == Kind.R_BRACE)) {
          throw new UnsupportedLatex("derivative");
        }
        Expr lower = fracPart();
        return new Expr.Div(upper, lower);
      }
      case UNSUPPORTED -> {
        if (!t.text().endsWith("binom")) {
          throw new UnsupportedLatex(t.text());
        }
        at++;
        expect(Kind.L_BRACE);
        Expr n = expr();
        expect(Kind.R_BRACE);
        expect(Kind.L_BRACE);
        Expr k = expr();
        expect(Kind.R_BRACE);
        return new Expr.Binom(n, k);
      }
      default -> throw new LatexSyntaxError("no expression starts with '" + t.text() + "'", t.at());
    }
  }

  private Expr fracPart() throws LatexSyntaxError, UnsupportedLatex {
    Token t = tokens.get(at);
    if (t.kind() == Kind.DIGIT) {
      at++;
      return new Expr.Num(new BigDecimal(t.text()), false);
    }
    expect(Kind.L_BRACE);
    Expr e = expr();
    expect(Kind.R_BRACE);
    return e;
  }

  /** A subscript's text, as the symbol's name carries it (sympy prints the converted subscript instead). */
  private String subscript() throws LatexSyntaxError, UnsupportedLatex {
    at++;
    int from = at;
    if (peek() == Kind.L_BRACE) {
      at++;
      expr();
      expect(Kind.R_BRACE);
      return text(from + 1, at - 1);
    }
    atom();
    return text(from, at);
  }

  private String text(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      b.append(t.kind() == Kind.SYMBOL ? "\\" + t.text() : t.text());
    }
    return b.toString();
  }

  /** sympy's {@code number}: digits, groups of {@code ,ddd}, then an optional {@code .digits} (a Float). */
  private Expr number() throws LatexSyntaxError {
    StringBuilder digits = new StringBuilder();
    while (peek() == Kind.DIGIT) {
      digits.append(next().text());
    }
    while (peek() == Kind.COMMA && peek(1) == Kind.DIGIT && peek(2) == Kind.DIGIT && peek(3) == Kind.DIGIT) {
      at++;
      for (int i = 0; i < 3; i++) {
        digits.append(next().text());
      }
    }
    if (peek() == Kind.DOT && peek(1) != Kind.DIGIT) { // '.' follows nothing else in the grammar: ANTLR commits
      throw new LatexSyntaxError("a point without digits after it", tokens.get(at).at());
    }
    if (peek() == Kind.DOT) {
      at++;
      digits.append('.');
      while (peek() == Kind.DIGIT) {
        digits.append(next().text());
      }
      return new Expr.Num(new BigDecimal(digits.toString()), true);
    }
    return new Expr.Num(new BigDecimal(digits.toString()), false);
  }

  private void expect(Kind kind) throws LatexSyntaxError {
    Token t = tokens.get(at);
    if (t.kind() != kind) {
      throw new LatexSyntaxError("expected " + kind + ", found '" + t.text() + "'", t.at());
    }
    at++;
  }

  private Kind peek() {
    return tokens.get(at).kind();
  }

  private Kind peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1)).kind();
  }

  private Token next() {
    return tokens.get(at++);
  }
}
