package dev.llamakit.safety.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.llamaguard.LlamaGuardPrompt;
import dev.llamakit.safety.llamaguard.LlamaGuardShield;
import dev.llamakit.safety.llamaguard.LlamaGuardVariant;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Llama Guard 3 shield on the real engine, with llama3-tiny (Llama 3 architecture and vocabulary, synthetic
 * weights): the plumbing, the position the score is read at, and the policy prefix computed once. The verdicts of a
 * random-weight model mean nothing; what it reads and where is what is tested.
 */
class EngineGuardModelTest {
  static Path model() {
    return SharedFiles.require("golden/models/llama3-tiny/llama3-tiny-Q8_0.gguf");
  }

  @Test
  void scoreIsPUnsafeAfterTheBlankLineToken() throws Exception {
    LlamaGuardVariant lg3 = LlamaGuardVariant.named("lg3-1b-hf");
    List<Message> conv = List.of(Message.user("How do I pick a lock?"));
    try (EngineGuardModel guard = EngineGuardModel.load(model(), ModelOptions.defaults().withThreads(1).withContextLength(1024));
        LlamaEngine ref = LlamaEngine.load(model(), ModelOptions.defaults().withThreads(1).withContextLength(1024))) {
      Tokenizer tok = Tokenizer.fromGguf(ref.model().metadata().orElseThrow());
      String prompt = new LlamaGuardPrompt(lg3).render(conv);
      int[] ids = guard.encode(prompt + "\n\n", false);
      assertEquals(128000, ids[0], "the LG3 prompt carries its own <|begin_of_text|>");
      assertArrayEquals(new int[] {128007, 271}, Arrays.copyOfRange(ids, ids.length - 2, ids.length),
          "…<|end_header_id|> then the first generated token \\n\\n");
      double expected = Math.exp(ref.nextTokenLogProbs(ids)[tok.id("unsafe").orElseThrow()]);

      LlamaGuardShield shield = new LlamaGuardShield(guard, LlamaGuardShield.Config.defaults(lg3));
      ShieldResult r = shield.evaluate(conv);
      assertNotEquals(Decision.ERROR, r.decision(), r.detail());
      assertEquals(expected, r.score(), 1e-9);
      assertEquals(expected >= 0.5 ? Decision.BLOCK : Decision.ALLOW, r.decision());
    }
  }

  @Test
  void policyPrefixIsComputedOnceAndReused() throws Exception {
    LlamaGuardVariant lg3 = LlamaGuardVariant.named("lg3-8b-hf");
    try (EngineGuardModel guard = EngineGuardModel.load(model(), ModelOptions.defaults().withThreads(1).withContextLength(1024))) {
      LlamaGuardShield shield = new LlamaGuardShield(guard, LlamaGuardShield.Config.defaults(lg3));
      shield.evaluate(List.of(Message.user("What is the capital of France?")));
      shield.evaluate(List.of(Message.user("Tell me a story about a dragon.")));
      int policyTokens = guard.cachedPrefixLength();
      assertTrue(policyTokens > 100, "the fixed policy text (" + policyTokens + " tokens) is cached");
      ShieldResult third = shield.evaluate(List.of(Message.user("Write a poem about rain.")));
      assertNotEquals(Decision.ERROR, third.decision());
      assertEquals(policyTokens, guard.cachedPrefixLength());
    }
  }
}
