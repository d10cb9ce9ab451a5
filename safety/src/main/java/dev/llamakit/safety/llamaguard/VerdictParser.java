package dev.llamakit.safety.llamaguard;

import dev.llamakit.safety.policy.Category;
import dev.llamakit.safety.policy.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Llama Guard output ({@code safe}, {@code unsafe\nS1,S3}) robustly.
 *
 * <ul>
 *   <li>Leading/trailing whitespace (LG3 starts with {@code "\n\n"}), a trailing {@code <|eot_id|>}, {@code </s>} or
 *       {@code <|end_of_text|>}, and case are ignored.
 *   <li>The first non-blank line must start with {@code safe} or {@code unsafe}; codes may follow on the same line
 *       ({@code "unsafe S1"}) or the next non-blank line, separated by commas and/or spaces ({@code "S1, S2"},
 *       {@code "S1 S2"}); duplicates are dropped, order kept.
 *   <li>Codes not in the taxonomy become {@link Category#unknown} entries (never dropped, so the shield still blocks).
 *   <li>{@code unsafe} with no code line is {@link Verdict.Unsafe} with {@code truncated = true} (conservative:
 *       still unsafe). Anything else, including empty output and fragments like {@code "uns"}, is
 *       {@link Verdict.Malformed}, which the shield reports as ERROR (blocked).
 * </ul>
 */
public final class VerdictParser {
  private static final Pattern CODE = Pattern.compile("[A-Za-z]\\d{1,3}");
  private static final Pattern END_TOKENS = Pattern.compile("(<\\|eot_id\\|>|</s>|<\\|end_of_text\\|>|<\\|eot\\|>)");

  private final Taxonomy taxonomy;

  /** A parser resolving codes through {@code taxonomy} (the one used to write the prompt). */
  public VerdictParser(Taxonomy taxonomy) { this.taxonomy = taxonomy; }

  /** Parses one generation. */
  public Verdict parse(String output) {
    if (output == null) return new Verdict.Malformed("");
    String text = output;
    Matcher end = END_TOKENS.matcher(text);
    if (end.find()) text = text.substring(0, end.start());
    List<String> lines = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) return new Verdict.Malformed(output);
    String first = lines.getFirst().toLowerCase(Locale.ROOT);
    if (first.equals("safe") || first.startsWith("safe") && !Character.isLetterOrDigit(first.charAt(4))) {
      return new Verdict.Safe();
    }
    if (!first.startsWith("unsafe") || first.length() > 6 && Character.isLetter(first.charAt(6))) {
      return new Verdict.Malformed(output);
    }
    String rest = lines.getFirst().substring(6);
    if (lines.size() > 1) rest = rest + " " + lines.get(1);
    Set<String> codes = new LinkedHashSet<>();
    for (String tok : rest.split("[,;:\\s]+")) {
      String t = tok.strip().replaceAll("[.)\\]]+$", "");
      if (CODE.matcher(t).matches()) codes.add(t.toUpperCase(Locale.ROOT));
    }
    if (codes.isEmpty()) return new Verdict.Unsafe(List.of(), true);
    List<Category> cats = new ArrayList<>();
    for (String c : codes) cats.add(taxonomy.resolve(c));
    return new Verdict.Unsafe(cats, false);
  }
}
