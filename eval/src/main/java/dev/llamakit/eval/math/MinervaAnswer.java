package dev.llamakit.eval.math;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.extract.PyStrings;
import dev.llamakit.eval.task.TaskRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minerva's final answers, as lm-eval's {@code minerva_math} utils read and normalise them: {@link #unnormalized}
 * ({@code get_unnormalized_answer}) and {@link #normalize} ({@code normalize_final_answer}, its substitution and
 * removal tables in {@code minerva-normalization.json}). Regexes run with only {@code \n} ending a line, as Python's
 * {@code .} does.
 */
public final class MinervaAnswer {
  /** What an unreadable response normalises from. */
  public static final String INVALID = "[invalidanswer]";
  private static final String END = "I hope it is correct.";
  private static final Pattern FINAL =
      Pattern.compile("Final Answer: The final answer is(.*?). I hope it is correct.", Pattern.UNIX_LINES);
  private static final Pattern DOLLARS = Pattern.compile("(.*?)(\\$)(.*?)(\\$)(.*)", Pattern.UNIX_LINES);
  private static final Pattern TEXT = Pattern.compile("(\\\\text\\{)(.*?)(\\})", Pattern.UNIX_LINES);
  private static final Pattern TEXTBF = Pattern.compile("(\\\\textbf\\{)(.*?)(\\})", Pattern.UNIX_LINES);
  private static final Pattern OVERLINE = Pattern.compile("(\\\\overline\\{)(.*?)(\\})", Pattern.UNIX_LINES);
  private static final Pattern BOXED = Pattern.compile("(\\\\boxed\\{)(.*)(\\})", Pattern.UNIX_LINES);
  private static final Pattern FRAC = Pattern.compile("(frac)([^{])(.)", Pattern.UNIX_LINES);
  private static final Pattern SQRT = Pattern.compile("(sqrt)([^{])", Pattern.UNIX_LINES);

  private record Substitution(String from, String to) {}

  private static final List<Substitution> SUBSTITUTIONS = new ArrayList<>();
  private static final List<String> REMOVED = new ArrayList<>();

  static {
    JsonNode t = TaskRegistry.readTree("/dev/llamakit/eval/math/minerva-normalization.json");
    for (JsonNode s : t.get("substitutions")) {
      SUBSTITUTIONS.add(new Substitution(s.get("from").asText(), s.get("to").asText()));
    }
    for (JsonNode r : t.get("removed_expressions")) {
      REMOVED.add(r.asText());
    }
  }

  private MinervaAnswer() {}

  /**
   * {@code get_unnormalized_answer}: with {@code "I hope it is correct."} appended, the stripped text captured by the
   * first match of {@code Final Answer: The final answer is(.*?). I hope it is correct.}, else {@link #INVALID}.
   */
  public static String unnormalized(String response) {
    Matcher m = FINAL.matcher(response + END);
    return m.find() ? PyStrings.strip(m.group(1)) : INVALID;
  }

  /** {@code normalize_final_answer} of Lewkowycz et al. (2022), appendix D, step by step as lm-eval runs it. */
  public static String normalize(String answer) {
    String s = answer.substring(answer.lastIndexOf('=') + 1); // split("=")[-1]
    for (Substitution sub : SUBSTITUTIONS) {
      s = s.replace(sub.from(), sub.to());
    }
    for (String r : REMOVED) {
      s = s.replace(r, "");
    }
    s = DOLLARS.matcher(s).replaceAll("\\$$3\\$");
    s = TEXT.matcher(s).replaceAll("$2");
    s = TEXTBF.matcher(s).replaceAll("$2");
    s = OVERLINE.matcher(s).replaceAll("$2");
    s = BOXED.matcher(s).replaceAll("$2");
    s = FRAC.matcher(s).replaceAll("frac{$2}{$3}");
    s = SQRT.matcher(s).replaceAll("sqrt{$2}");
    s = s.replace("$", "");
    if (PyStrings.isDigit(s.replace(",", ""))) {
      s = s.replace(",", "");
    }
    return s;
  }

  /**
   * lm-eval's {@code process_docs} reference answer of a MATH solution: the normalised content of its last
   * {@code \boxed}; an error when the solution has none.
   */
  public static String reference(String solution) {
    String boxed = Boxed.lastBoxedOnly(solution);
    if (boxed == null) {
      throw new IllegalArgumentException("the solution has no \\boxed{...} answer");
    }
    return normalize(Boxed.remove(boxed));
  }
}
