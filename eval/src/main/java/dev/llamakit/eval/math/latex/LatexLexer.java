package dev.llamakit.eval.math.latex;

import dev.llamakit.eval.math.latex.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tokens sympy 1.14's ANTLR lexer ({@code sympy/parsing/latex/LaTeX.g4}) makes of a string, longest match first:
 * spaces, {@code \,} {@code \;} {@code \quad} {@code \left} {@code \right} and the other spacing commands are
 * skipped; a backslash word is a keyword when the whole word is one, else a plain symbol ({@code \pi} is the symbol
 * {@code pi}, not the constant); {@code d} before a letter is one differential token; a character no rule matches
 * ({@code $}, {@code %}, {@code \$}, {@code \%}...) is a lexing error, which makes {@code parse_latex} fail.
 */
final class LatexLexer {
  private static final Set<String> SKIPPED = Set.of("thinspace", "medspace", "thickspace", "quad", "qquad",
      "negthinspace", "negmedspace", "negthickspace", "left", "right", "vrule", "vcenter", "vbox", "vskip", "vspace",
      "hfil");
  private static final Set<String> RELATIONS = Set.of("neq", "leq", "le", "leqq", "leqslant", "geq", "ge", "geqq",
      "geqslant");
  private static final Set<String> STRAYS = Set.of("to", "rightarrow", "Rightarrow", "longrightarrow",
      "Longrightarrow", "rangle", "lfloor", "rfloor", "lceil", "rceil");
  private static final Set<String> FUNCS = Set.of("exp", "log", "lg", "ln", "sin", "cos", "tan", "csc", "sec", "cot",
      "sinh", "cosh", "tanh");
  private static final Set<String> UNSUPPORTED = Set.of("lim", "int", "sum", "prod", "arcsin", "arccos", "arctan",
      "arccsc", "arcsec", "arccot", "arsinh", "arcosh", "artanh", "overline", "binom", "dbinom", "tbinom", "mathit",
      "langle");
  private static final Map<String, Kind> KEYWORDS = Map.of("frac", Kind.FRAC, "dfrac", Kind.FRAC, "tfrac", Kind.FRAC,
      "sqrt", Kind.SQRT, "times", Kind.TIMES, "cdot", Kind.CDOT, "div", Kind.DIV);

  private LatexLexer() {}

  /** All tokens of {@code s}, ending with {@link Kind#EOF}; a lexing error throws {@link LatexSyntaxError}. */
  static List<Token> tokens(String s) throws LatexSyntaxError {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
        continue;
      }
      if (c == '\\') {
        i = command(s, i, out);
        continue;
      }
      if (c == 'd') {
        int j = i + 1;
        while (j < s.length() && " \t\r\n".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        if (j < s.length() && isLetter(s.charAt(j))) {
          out.add(new Token(Kind.DIFFERENTIAL, "d" + s.charAt(j), i));
          i = j + 1;
          continue;
        }
        if (j + 1 < s.length() && s.charAt(j) == '\\' && isLetter(s.charAt(j + 1))) {
          int k = j + 1;
          while (k < s.length() && isLetter(s.charAt(k))) {
            k++;
          }
          out.add(new Token(Kind.DIFFERENTIAL, "d" + s.substring(j + 1, k), i));
          i = k;
          continue;
        }
      }
      Kind k = switch (c) {
        case '+' -> Kind.PLUS;
        case '-' -> Kind.MINUS;
        case '*' -> Kind.STAR;
        case '/' -> Kind.SLASH;
        case '(' -> Kind.L_PAREN;
        case ')' -> Kind.R_PAREN;
        case '{' -> Kind.L_BRACE;
        case '}' -> Kind.R_BRACE;
        case '[' -> Kind.L_BRACKET;
        case ']' -> Kind.R_BRACKET;
        case '|' -> Kind.BAR;
        case '^' -> Kind.CARET;
        case '_' -> Kind.UNDERSCORE;
        case ':' -> Kind.COLON;
        case '!' -> Kind.BANG;
        case ',' -> Kind.COMMA;
        case '.' -> Kind.DOT;
        case '\'' -> Kind.QUOTES;
        case '<', '>', '=', '&' -> Kind.RELATION;
        default -> c >= '0' && c <= '9' ? Kind.DIGIT : isLetter(c) ? Kind.LETTER : null;
      };
      if (k == null) {
        throw new LatexSyntaxError("no token starts with '" + c + "'", i);
      }
      if (c == '&') { // sympy's EQUAL: '&' spaces '=' (an aligned equals sign); a lone '&' is a lexing error
        int j = i + 1;
        while (j < s.length() && " \t\r\n".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        if (j >= s.length() || s.charAt(j) != '=') {
          throw new LatexSyntaxError("'&' without '='", i);
        }
        out.add(new Token(Kind.RELATION, "=", i));
        i = j + 1;
        continue;
      }
      int end = i + 1;
      if (k == Kind.QUOTES) {
        while (end < s.length() && s.charAt(end) == '\'') {
          end++;
        }
      }
      out.add(new Token(k, s.substring(i, end), i));
      i = end;
    }
    out.add(new Token(Kind.EOF, "", s.length()));
    return out;
  }

  private static int command(String s, int at, List<Token> out) throws LatexSyntaxError {
    int j = at + 1;
    if (j >= s.length()) {
      throw new LatexSyntaxError("a lone backslash", at);
    }
    char c = s.charAt(j);
    if (!isLetter(c)) {
      switch (c) {
        case ',', ':', ';', '!', '*', '-', '.', '/', '"', '(', '=' -> { // spacing and ignored commands
          return j + 1;
        }
        case '{' -> out.add(new Token(Kind.L_BRACE_LITERAL, "\\{", at));
        case '}' -> out.add(new Token(Kind.R_BRACE_LITERAL, "\\}", at));
        default -> throw new LatexSyntaxError("no token starts with '\\" + c + "'", at);
      }
      return j + 1;
    }
    int k = j;
    while (k < s.length() && isLetter(s.charAt(k))) {
      k++;
    }
    String word = s.substring(j, k);
    if ((word.equals("left") || word.equals("right")) && k < s.length() && s.charAt(k) == '|') {
      out.add(new Token(Kind.UNSUPPORTED, "\\" + word + "|", at)); // sympy's L_BAR / R_BAR (bra-ket)
      return k + 1;
    }
    if (word.equals("int") && s.startsWith("\\limits", k)) {
      out.add(new Token(Kind.UNSUPPORTED, "\\int\\limits", at));
      return k + 7;
    }
    if (SKIPPED.contains(word)) {
      return k;
    }
    Kind kind = RELATIONS.contains(word) ? Kind.RELATION
        : STRAYS.contains(word) ? Kind.STRAY
        : FUNCS.contains(word) ? Kind.FUNC
        : UNSUPPORTED.contains(word) ? Kind.UNSUPPORTED
        : KEYWORDS.getOrDefault(word, Kind.SYMBOL);
    out.add(new Token(kind, kind == Kind.SYMBOL ? word : "\\" + word, at));
    return k;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
