package dev.llamakit.eval.ifeval.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * NLTK's {@code word_tokenize} as IFEval's {@code capital_word_frequency} uses it: the improved Treebank rules
 * ({@code NLTKWordTokenizer}) restated as ordered regex rewrites — quotes, punctuation, brackets, double dashes,
 * clitics ({@code 's 'm 'd 'll 're 've n't}), and the split words ({@code cannot}, {@code gonna}, {@code 'tis},
 * ...) — then a whitespace split.
 *
 * <p>Difference: NLTK first splits the text into sentences with punkt and tokenizes each; here the whole text is
 * tokenized at once, so a sentence-final period inside the text stays on its word ({@code "DONE."} rather than
 * {@code "DONE" "."}). That never changes whether a token is all capitals (a period is uncased), which is all IFEval
 * asks of the tokens.
 */
public final class TreebankWords {
  private record Rule(Pattern p, String to) {}

  private static Rule r(String regex, String to) {
    return new Rule(Pattern.compile(regex, Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES),
        to);
  }

  private static final List<Rule> STARTING_QUOTES = List.of(
      r("([«“‘„]|[`]+)", " $1 "),
      r("^\"", "``"),
      r("(``)", " $1 "),
      r("([ (\\[{<])(\"|'{2})", "$1 `` "),
      r("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));

  private static final List<Rule> ENDING_QUOTES = List.of(
      r("([»”’])", " $1 "),
      r("''", " '' "),
      r("\"", " '' "),
      r("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
      r("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

  private static final List<Rule> PUNCTUATION = List.of(
      r("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2 $3 "),
      r("([:,])([^\\d])", " $1 $2"),
      r("([:,])$", " $1 "),
      r("\\.{2,}", " $0 "),
      r("[;@#$%&]", " $0 "),
      r("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 "),
      r("[?!]", " $0 "),
      r("([^'])' ", "$1 ' "),
      r("[*]", " $0 "));

  private static final Rule BRACKETS = r("[\\]\\[(){}<>]", " $0 ");
  private static final Rule DOUBLE_DASHES = r("--", " -- ");

  private static final List<Rule> CONTRACTIONS = List.of(
      r("(?i)\\b(can)(not)\\b", " $1 $2 "),
      r("(?i)\\b(d)('ye)\\b", " $1 $2 "),
      r("(?i)\\b(gim)(me)\\b", " $1 $2 "),
      r("(?i)\\b(gon)(na)\\b", " $1 $2 "),
      r("(?i)\\b(got)(ta)\\b", " $1 $2 "),
      r("(?i)\\b(lem)(me)\\b", " $1 $2 "),
      r("(?i)\\b(more)('n)\\b", " $1 $2 "),
      r("(?i)\\b(wan)(na)(?=\\s)", " $1 $2 "),
      r("(?i) ('t)(is)\\b", " $1 $2 "),
      r("(?i) ('t)(was)\\b", " $1 $2 "));

  private TreebankWords() {}

  /** The tokens of {@code text}. */
  public static List<String> tokenize(String text) {
    String t = text;
    for (Rule rule : STARTING_QUOTES) {
      t = apply(rule, t);
    }
    for (Rule rule : PUNCTUATION) {
      t = apply(rule, t);
    }
    t = apply(BRACKETS, t);
    t = apply(DOUBLE_DASHES, t);
    t = " " + t + " ";
    for (Rule rule : ENDING_QUOTES) {
      t = apply(rule, t);
    }
    for (Rule rule : CONTRACTIONS) {
      t = apply(rule, t);
    }
    return PyText.split(t);
  }

  /** How many tokens of {@code text} are all capitals ({@code isupper()}). */
  public static int capitalWords(String text) {
    int n = 0;
    for (String w : tokenize(text)) {
      if (PyText.isUpper(w)) {
        n++;
      }
    }
    return n;
  }

  private static String apply(Rule rule, String s) {
    return rule.p().matcher(s).replaceAll(rule.to());
  }
}
