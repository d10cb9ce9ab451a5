package dev.llamakit.safety.code;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The insecure-code detector as a {@link Shield} over the last message: BLOCK on an error-severity issue, WARN on
 * warnings only, ALLOW when clean. Each distinct CWE found is reported as a category (code {@code CWE-78}, name =
 * the first matching rule's description). Score = 1.0 for BLOCK, 0.5 for WARN, 0.0 otherwise.
 */
public final class InsecureCodeShield implements Shield {
  private final InsecureCodeDetector detector;

  /** A shield over {@code detector}. */
  public InsecureCodeShield(InsecureCodeDetector detector) { this.detector = detector; }

  /** The shipped rules. */
  public static InsecureCodeShield standard() { return new InsecureCodeShield(InsecureCodeDetector.standard()); }

  @Override
  public String id() { return "code-shield"; }

  @Override
  public ShieldResult evaluate(List<Message> messages) {
    InsecureCodeDetector.ScanResult r = detector.scanText(messages.getLast().content());
    Map<String, Category> cats = new LinkedHashMap<>();
    for (Issue i : r.issues()) {
      cats.putIfAbsent(i.rule().cwe(), new Category(i.rule().cwe().toLowerCase(java.util.Locale.ROOT), i.rule().cwe(),
          i.rule().description(), null, i.rule().id()));
    }
    Decision d = switch (r.treatment()) {
      case BLOCK -> Decision.BLOCK;
      case WARN -> Decision.WARN;
      case IGNORE -> Decision.ALLOW;
    };
    double score = d == Decision.BLOCK ? 1.0 : d == Decision.WARN ? 0.5 : 0.0;
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Issue i : r.issues()) scores.merge(i.rule().cwe(), i.rule().severity() == Severity.ERROR ? 1.0 : 0.5, Math::max);
    String detail = r.issues().isEmpty() ? "no issues" : String.join("; ", r.issues().stream().map(Issue::toString).toList());
    return new ShieldResult(id(), d, score, List.copyOf(cats.values()), scores, null, detail);
  }
}
