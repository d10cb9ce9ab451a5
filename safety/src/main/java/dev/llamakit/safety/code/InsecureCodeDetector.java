package dev.llamakit.safety.code;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * CodeShield-like insecure-code detector (regex layer): finds the code blocks of a text, scans each with its
 * language's rules (all languages when unknown) and recommends a treatment: BLOCK when any issue has severity
 * error, WARN when only warnings, IGNORE when none.
 */
public final class InsecureCodeDetector {
  /** What to do with the scanned text. */
  public enum Treatment { IGNORE, WARN, BLOCK }

  /** Issues found and the treatment they call for. */
  public record ScanResult(List<Issue> issues, Treatment treatment, List<String> languages) {
    public boolean insecure() { return !issues.isEmpty(); }
  }

  private final RuleSet rules;

  /** A detector over {@code rules}. */
  public InsecureCodeDetector(RuleSet rules) { this.rules = rules; }

  /** A detector over the shipped rules. */
  public static InsecureCodeDetector standard() { return new InsecureCodeDetector(RuleSet.standard()); }

  /** Scans a message (fenced or bare code). */
  public ScanResult scanText(String text) {
    List<Issue> issues = new ArrayList<>();
    LinkedHashSet<String> langs = new LinkedHashSet<>();
    for (CodeBlocks.Block b : CodeBlocks.find(text)) scanInto(b.code(), b.language(), issues, langs);
    return result(issues, langs);
  }

  /** Scans code of a known language ({@code null} = every language, duplicates by rule id removed). */
  public ScanResult scan(String code, String language) {
    List<Issue> issues = new ArrayList<>();
    LinkedHashSet<String> langs = new LinkedHashSet<>();
    scanInto(code, language, issues, langs);
    return result(issues, langs);
  }

  private void scanInto(String code, String language, List<Issue> issues, LinkedHashSet<String> langs) {
    if (language != null) {
      langs.add(language);
      issues.addAll(rules.scan(code, language));
      return;
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String l : RuleSet.LANGUAGES) {
      for (Issue i : rules.scan(code, l)) if (seen.add(i.rule().id() + "@" + i.line())) issues.add(i);
    }
    langs.add("any");
  }

  private static ScanResult result(List<Issue> issues, LinkedHashSet<String> langs) {
    Treatment t = issues.isEmpty() ? Treatment.IGNORE
        : issues.stream().anyMatch(i -> i.rule().severity() == Severity.ERROR) ? Treatment.BLOCK : Treatment.WARN;
    return new ScanResult(List.copyOf(issues), t, List.copyOf(langs));
  }
}
