package dev.llamakit.safety.llamaguard;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Llama Guard as a {@link Shield}: renders the conversation with a {@link LlamaGuardVariant}, reads P(unsafe) from
 * the first verdict token through a {@link GuardModel}, and generates the verdict to name the categories.
 *
 * <p>Decision ({@link Config}): score = P(unsafe) ({@link ScoreMode#RAW}, Meta's model cards: softmax over the whole
 * vocabulary) or P(unsafe) / (P(unsafe) + P(safe)) ({@link ScoreMode#NORMALIZED}); score &ge; blockThreshold (0.5,
 * the LG2 card's threshold) is BLOCK, score &ge; warnThreshold is WARN, else ALLOW. Categories come from the greedy
 * generation, run only when the score reaches warnThreshold. In {@link ScoreMode#GENERATED} mode no probability is
 * read: the generated verdict decides (score 1.0 / 0.0, as llama-stack reports). A malformed generation is ERROR in
 * GENERATED mode and BLOCK without categories when the probability already says unsafe; codes outside the taxonomy
 * are reported as unknown categories and still block. Any model exception is ERROR (fail closed). Conversations are
 * first reduced to what Llama Guard can express ({@link #conversation}).
 */
public final class LlamaGuardShield implements Shield {
  /** How the score is obtained. */
  public enum ScoreMode { RAW, NORMALIZED, GENERATED }

  /**
   * Shield settings.
   *
   * @param maxTokens generation budget for the verdict (10 is enough for {@code "\n\nunsafe\nS1,S10,S14"})
   */
  public record Config(LlamaGuardVariant variant, ScoreMode scoreMode, double blockThreshold, double warnThreshold,
                       int maxTokens) {
    public Config {
      if (!(blockThreshold > 0 && blockThreshold <= 1)) throw new IllegalArgumentException("blockThreshold in (0,1]");
      if (warnThreshold > blockThreshold) throw new IllegalArgumentException("warnThreshold > blockThreshold");
      if (maxTokens < 2) throw new IllegalArgumentException("maxTokens >= 2");
    }

    /** RAW score, block at 0.5, no warn band, 20 tokens. */
    public static Config defaults(LlamaGuardVariant v) { return new Config(v, ScoreMode.RAW, 0.5, 0.5, 20); }
  }

  private final GuardModel model;
  private final Config config;
  private final LlamaGuardPrompt prompt;
  private final VerdictParser parser;

  /** A shield over {@code model} with {@code config}. */
  public LlamaGuardShield(GuardModel model, Config config) {
    this.model = model;
    this.config = config;
    this.prompt = new LlamaGuardPrompt(config.variant());
    this.parser = new VerdictParser(config.variant().taxonomy());
  }

  @Override
  public String id() { return "llama-guard:" + config.variant().name() + ":" + model.id(); }

  @Override
  public ShieldResult evaluate(List<Message> messages) throws Exception {
    LlamaGuardVariant v = config.variant();
    String text = prompt.render(conversation(messages));
    if (config.scoreMode() == ScoreMode.GENERATED) {
      Verdict verdict = parser.parse(model.generate(text, v.addBos(), config.maxTokens()));
      return switch (verdict) {
        case Verdict.Safe s -> result(Decision.ALLOW, 0.0, List.of(), "safe");
        case Verdict.Unsafe u -> result(Decision.BLOCK, 1.0, u.categories(), u.truncated() ? "unsafe (no category line)" : "unsafe");
        case Verdict.Malformed m -> ShieldResult.error(id(), "unparseable Llama Guard output: " + quote(m.text()), null);
      };
    }
    double score = score(text + v.verdictPrefix());
    if (score < config.warnThreshold()) return result(Decision.ALLOW, score, List.of(), "P(unsafe) below threshold");
    Decision d = score >= config.blockThreshold() ? Decision.BLOCK : Decision.WARN;
    Verdict verdict = parser.parse(model.generate(text, v.addBos(), config.maxTokens()));
    return switch (verdict) {
      case Verdict.Unsafe u -> result(d, score, u.categories(), u.truncated() ? "unsafe (no category line)" : "unsafe");
      case Verdict.Safe s -> result(d, score, List.of(), "score above threshold, generated verdict 'safe'");
      case Verdict.Malformed m -> result(d, score, List.of(), "score above threshold, unparseable verdict " + quote(m.text()));
    };
  }

  /**
   * The conversation as Llama Guard can express it: TOOL messages dropped (third-party content is the prompt-attack
   * shield's job), leading assistant turns dropped, consecutive turns of one role merged with {@code "\n\n"} (so
   * the roles alternate starting with the user). The judged role stays the last message's.
   */
  public static List<Message> conversation(List<Message> messages) {
    List<Message> out = new java.util.ArrayList<>();
    for (Message m : messages) {
      if (m.role() == dev.llamakit.safety.Role.TOOL) continue;
      if (out.isEmpty() && m.role() != dev.llamakit.safety.Role.USER) continue;
      if (!out.isEmpty() && out.getLast().role() == m.role()) {
        out.set(out.size() - 1, new Message(m.role(), out.getLast().content() + "\n\n" + m.content()));
      } else {
        out.add(m);
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no user message for Llama Guard to judge");
    return out;
  }

  private double score(String scoringPrompt) throws Exception {
    LlamaGuardVariant v = config.variant();
    List<String> asked = new java.util.ArrayList<>(v.unsafeTokens());
    asked.addAll(v.safeTokens());
    double[] p = model.nextTokenProbabilities(scoringPrompt, v.addBos(), asked);
    if (p == null || p.length != asked.size()) {
      throw new IllegalStateException("guard model returned " + (p == null ? "null" : p.length + " probabilities")
          + " for " + asked.size() + " tokens");
    }
    double unsafe = 0, safe = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) throw new IllegalStateException("probability out of [0,1]: " + p[i]);
      if (i < v.unsafeTokens().size()) unsafe += p[i]; else safe += p[i];
    }
    if (config.scoreMode() == ScoreMode.NORMALIZED) {
      if (unsafe + safe <= 0) throw new IllegalStateException("P(safe) + P(unsafe) = 0: wrong scoring position?");
      return unsafe / (unsafe + safe);
    }
    return Math.min(1.0, unsafe);
  }

  private ShieldResult result(Decision d, double score, List<Category> cats, String detail) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (Category c : cats) scores.put(c.code(), score);
    return new ShieldResult(id(), d, score, cats, scores, null, detail);
  }

  private static String quote(String s) {
    String t = s == null ? "" : s.replace("\n", "\\n");
    return "'" + (t.length() > 80 ? t.substring(0, 80) + "..." : t) + "'";
  }
}
