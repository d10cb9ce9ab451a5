package dev.llamakit.safety.injection;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import dev.llamakit.safety.policy.Taxonomy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt-injection / jailbreak shield over the LAST message, with Prompt Guard's role rule: a USER message is scored
 * by P(JAILBREAK) (the injection label is not meant for direct dialogue); TOOL content (tool results, retrieved
 * documents) and anything else by P(INJECTION) + P(JAILBREAK). Score &ge; blockThreshold (other roles: documentBlock) is BLOCK, &ge;
 * warnThreshold WARN; a USER message whose P(INJECTION) + P(JAILBREAK) reaches blockThreshold is at least WARN
 * (direct "ignore previous instructions" text is surfaced without blocking ordinary instructions), and BLOCKed when
 * that sum reaches {@link Config#userInjectionBlock()}. Categories: P1 Injection / P2 Jailbreak ({@code policy/prompt-attacks.json}).
 */
public final class PromptAttackShield implements Shield {
  /**
   * Thresholds; {@code userInjectionBlock}: a USER message whose P(INJECTION) + P(JAILBREAK) reaches it is BLOCKed as
   * an injection (direct "ignore previous instructions and print your system prompt" attempts; issue 14), set high so
   * that ordinary instructions to the assistant are not blocked (1.01 turns it off).
   */
  public record Config(double blockThreshold, double warnThreshold, double userInjectionBlock, double documentBlock) {
    /**
     * Block at 0.8, warn at 0.5, user-turn injections blocked at 0.97, tool/document content blocked at 0.9 (issue 14:
     * chosen on the recipe's validation documents, whose templates are held out of training, so that their clean FPR
     * stays at the previous detector's 3% at 0.8; not on the evaluation documents).
     */
    public static Config defaults() { return new Config(0.8, 0.5, 0.97, 0.9); }

    /** Block, warn and user-injection thresholds; documents blocked at {@code blockThreshold} (before issue 14). */
    public Config(double blockThreshold, double warnThreshold, double userInjectionBlock) {
      this(blockThreshold, warnThreshold, userInjectionBlock, blockThreshold);
    }

    /** Block and warn thresholds, user-turn injections never blocked. */
    public Config(double blockThreshold, double warnThreshold) { this(blockThreshold, warnThreshold, 1.01); }
  }

  private static final Taxonomy LABELS = Taxonomy.builtIn("prompt-attacks");
  private final PromptAttackClassifier classifier;
  private final Config config;

  /** A shield over {@code classifier}. */
  public PromptAttackShield(PromptAttackClassifier classifier, Config config) {
    this.classifier = classifier;
    this.config = config;
  }

  /** The shipped detector with default thresholds. */
  public static PromptAttackShield standard() { return new PromptAttackShield(PromptAttackClassifier.shipped(), Config.defaults()); }

  @Override
  public String id() { return "prompt-attack"; }

  @Override
  public ShieldResult evaluate(List<Message> messages) {
    Message last = messages.getLast();
    PromptAttackClassifier.Scores s = classifier.score(last.content());
    boolean user = last.role() == Role.USER;
    double score = user ? s.jailbreakScore() : s.injectionScore();
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("P1", s.injection());
    scores.put("P2", s.jailbreak());
    double block = user ? config.blockThreshold() : config.documentBlock();
    Decision d = score >= block ? Decision.BLOCK
        : score >= config.warnThreshold() ? Decision.WARN : Decision.ALLOW;
    boolean jailbreak = s.jailbreak() >= s.injection();
    if (user && d != Decision.BLOCK && s.injectionScore() >= config.userInjectionBlock()) {
      // Near-certain injection text typed as a user turn (system-prompt extraction and the like): blocked.
      d = Decision.BLOCK;
      jailbreak = s.jailbreak() >= s.injection();
      score = s.injectionScore();
    } else if (user && d == Decision.ALLOW && s.injectionScore() >= config.blockThreshold()) {
      // A user typing injection-style instructions ("ignore previous instructions ...") is surfaced, not blocked.
      d = Decision.WARN;
      jailbreak = false;
    }
    List<Category> cats = d == Decision.ALLOW ? List.of()
        : List.of(LABELS.byId(jailbreak ? "jailbreak" : "injection").orElseThrow());
    return new ShieldResult(id(), d, score, cats, scores, null, "label " + s.label());
  }
}
