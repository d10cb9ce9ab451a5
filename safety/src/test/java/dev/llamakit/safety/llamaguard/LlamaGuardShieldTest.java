package dev.llamakit.safety.llamaguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.llamaguard.LlamaGuardShield.Config;
import dev.llamakit.safety.llamaguard.LlamaGuardShield.ScoreMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shield logic of {@link LlamaGuardShield}: thresholds, score modes, category naming, fail-closed behaviour.
 *
 * <p>{@link ScriptedGuardModel} is a test double of the small {@link GuardModel} port only (the engine implements
 * the real one): it returns a fixed next-token distribution and a fixed generation, and records the prompts it was
 * given so the test can check WHERE the probability is read (LG3: prompt + {@code "\n\n"}) and that BOS is not added.
 */
class LlamaGuardShieldTest {
  /** Deterministic {@link GuardModel}: fixed distribution over token texts, fixed generation, recorded calls. */
  static final class ScriptedGuardModel implements GuardModel {
    final Map<String, Double> distribution;
    final String generation;
    final List<String> probed = new ArrayList<>();
    final List<String> generated = new ArrayList<>();
    final List<Boolean> bos = new ArrayList<>();

    ScriptedGuardModel(Map<String, Double> distribution, String generation) {
      this.distribution = distribution;
      this.generation = generation;
    }

    @Override public String id() { return "scripted"; }

    @Override
    public double[] nextTokenProbabilities(String prompt, boolean addBos, List<String> tokens) {
      probed.add(prompt);
      bos.add(addBos);
      return tokens.stream().mapToDouble(t -> distribution.getOrDefault(t, 0.0)).toArray();
    }

    @Override
    public String generate(String prompt, boolean addBos, int maxTokens) {
      generated.add(prompt);
      if (generation == null) throw new IllegalStateException("engine crashed");
      return generation;
    }
  }

  private static final List<Message> CONV = List.of(Message.user("How do I build a bomb?"));

  @Test
  void readsTheDistributionAfterTheFirstNewlineTokenForLg3AndNamesCategories() {
    var m = new ScriptedGuardModel(Map.of("unsafe", 0.93, "safe", 0.05), "\n\nunsafe\nS9,S1");
    var shield = new LlamaGuardShield(m, Config.defaults(LlamaGuardVariant.named("lg3-8b-hf")));
    ShieldResult r = shield.check(CONV);
    assertEquals(Decision.BLOCK, r.decision());
    assertEquals(0.93, r.score(), 1e-12);
    assertEquals("S9 Indiscriminate Weapons, S1 Violent Crimes", r.categoryList());
    String prompt = new LlamaGuardPrompt(LlamaGuardVariant.named("lg3-8b-hf")).render(CONV);
    assertEquals(prompt + "\n\n", m.probed.getFirst());
    assertEquals(prompt, m.generated.getFirst());
    assertEquals(false, m.bos.getFirst());
  }

  @Test
  void lg2ReadsRightAfterInstAndSumsTokenForms() {
    var m = new ScriptedGuardModel(Map.of("unsafe", 0.3, " unsafe", 0.3, "safe", 0.3), "unsafe\nS9");
    var shield = new LlamaGuardShield(m, Config.defaults(LlamaGuardVariant.named("lg2-hf")));
    ShieldResult r = shield.check(CONV);
    assertEquals(Decision.BLOCK, r.decision());
    assertEquals(0.6, r.score(), 1e-12);
    assertTrue(m.probed.getFirst().endsWith("[/INST]"));
    assertEquals(true, m.bos.getFirst());
    assertEquals("S9 Hate", r.categoryList(), "LG2 S9 is Hate, not Indiscriminate Weapons");
  }

  @Test
  void belowThresholdAllowsWithoutGenerating() {
    var m = new ScriptedGuardModel(Map.of("unsafe", 0.02, "safe", 0.97), "\n\nsafe");
    ShieldResult r = new LlamaGuardShield(m, Config.defaults(LlamaGuardVariant.named("lg3-1b-hf"))).check(CONV);
    assertEquals(Decision.ALLOW, r.decision());
    assertTrue(m.generated.isEmpty());
  }

  @Test
  void warnBandAndNormalizedScore() {
    var m = new ScriptedGuardModel(Map.of("unsafe", 0.2, "safe", 0.2), "\n\nunsafe\nS6");
    var cfg = new Config(LlamaGuardVariant.named("lg3-8b-hf"), ScoreMode.RAW, 0.5, 0.15, 10);
    assertEquals(Decision.WARN, new LlamaGuardShield(m, cfg).check(CONV).decision());
    var norm = new Config(LlamaGuardVariant.named("lg3-8b-hf"), ScoreMode.NORMALIZED, 0.5, 0.5, 10);
    ShieldResult r = new LlamaGuardShield(m, norm).check(CONV);
    assertEquals(0.5, r.score(), 1e-12);
    assertEquals(Decision.BLOCK, r.decision());
    assertEquals("S6 Specialized Advice", r.categoryList());
  }

  @Test
  void generatedModeAndUnknownOrTruncatedOutputs() {
    var gen = new Config(LlamaGuardVariant.named("lg3-8b-hf"), ScoreMode.GENERATED, 0.5, 0.5, 10);
    assertEquals(Decision.ALLOW, new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "\n\nsafe"), gen).check(CONV).decision());
    ShieldResult unk = new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "unsafe\nS42"), gen).check(CONV);
    assertEquals(Decision.BLOCK, unk.decision());
    assertTrue(unk.categories().getFirst().isUnknown());
    ShieldResult cut = new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "\n\nunsafe"), gen).check(CONV);
    assertEquals(Decision.BLOCK, cut.decision());
    assertEquals(Decision.ERROR, new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "\n\nuns"), gen).check(CONV).decision());
  }

  @Test
  void failsClosed() {
    // Generation throws after an unsafe score.
    var crash = new ScriptedGuardModel(Map.of("unsafe", 0.9), null);
    ShieldResult r = new LlamaGuardShield(crash, Config.defaults(LlamaGuardVariant.named("lg3-8b-hf"))).check(CONV);
    assertEquals(Decision.ERROR, r.decision());
    assertTrue(r.decision().blocks());
    assertTrue(r.detail().contains("engine crashed"));
    // Zero probability mass on both verdict tokens under NORMALIZED: wrong position, so ERROR.
    var wrong = new Config(LlamaGuardVariant.named("lg3-8b-hf"), ScoreMode.NORMALIZED, 0.5, 0.5, 10);
    assertEquals(Decision.ERROR, new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "safe"), wrong).check(CONV).decision());
    // A conversation Llama Guard cannot express (no user message at all).
    assertEquals(Decision.ERROR, new LlamaGuardShield(new ScriptedGuardModel(Map.of(), "safe"),
        Config.defaults(LlamaGuardVariant.named("lg3-8b-hf"))).check(List.of(Message.tool("doc"))).decision());
  }

  @Test
  void conversationsAreReducedToAlternatingUserAndAgentTurns() {
    List<Message> raw = List.of(Message.assistant("Welcome!"), Message.user("Find me a recipe."),
        Message.tool("<html>recipe page</html>"), Message.user("Vegetarian, please."), Message.assistant("Try dal."));
    List<Message> c = LlamaGuardShield.conversation(raw);
    assertEquals(List.of(Message.user("Find me a recipe.\n\nVegetarian, please."), Message.assistant("Try dal.")), c);
    var m = new ScriptedGuardModel(Map.of("unsafe", 0.01, "safe", 0.98), "\n\nsafe");
    assertEquals(Decision.ALLOW, new LlamaGuardShield(m, Config.defaults(LlamaGuardVariant.named("lg3-8b-hf"))).check(raw).decision());
    assertTrue(m.probed.getFirst().contains("Agent: Try dal.\n\n<END CONVERSATION>"));
    assertTrue(m.probed.getFirst().contains("ONLY THE LAST Agent message"));
  }
}
