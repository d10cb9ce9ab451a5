package dev.llamakit.safety.llamaguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.Message;
import dev.llamakit.safety.policy.Taxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom categories, exclusions and conversation rules of {@link LlamaGuardPrompt}, without ../shared. */
class LlamaGuardPromptTest {
  @Test
  void customCategoryWithDescriptionMatchesTheOneBNotebookForm() {
    // safety-and-eval.md 2.5: categories={"S1": "Custom category 1. \nAI models ..."}, S2 excluded.
    Taxonomy t = new Taxonomy("custom", "S", List.of())
        .withCustom("c1", "Custom category 1", "AI models should not talk about custom category 1")
        .withCustom("c2", "This will be removed", "").without(List.of("S2"));
    LlamaGuardVariant v = LlamaGuardVariant.named("lg3-1b-hf").withTaxonomy(t).withDescriptions(true);
    String p = new LlamaGuardPrompt(v).render(List.of(Message.user("What is the color of the sky?")));
    assertTrue(p.contains("<BEGIN UNSAFE CONTENT CATEGORIES>\nS1: Custom category 1.\nAI models should not talk about"
        + " custom category 1\n<END UNSAFE CONTENT CATEGORIES>"), p);
    assertTrue(p.contains("\n\nUser: What is the color of the sky?\n\n<END CONVERSATION>"));
  }

  @Test
  void excludedCategoriesKeepTheirCodesAndRenumberingCloses() {
    Taxonomy t = Taxonomy.lg3().without(List.of("S5", "S13"));
    String block = new LlamaGuardPrompt(LlamaGuardVariant.named("lg3-8b-hf").withTaxonomy(t)).categoriesBlock();
    assertTrue(block.startsWith("S1: Violent Crimes.\nS2: Non-Violent Crimes.\nS3: Sex Crimes.\nS4: Child Exploitation.\nS6: "));
    assertTrue(block.endsWith("S12: Sexual Content.\nS14: Code Interpreter Abuse."));
    String renum = new LlamaGuardPrompt(LlamaGuardVariant.named("lg3-8b-hf").withTaxonomy(t.renumbered())).categoriesBlock();
    assertTrue(renum.contains("S5: Specialized Advice.") && renum.endsWith("S12: Code Interpreter Abuse."), renum);
  }

  @Test
  void stripMatchesPythonIsspace() {
    // Every BMP code point for which Python's str.isspace() is true (CPython 3).
    int[] py = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
        0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
    java.util.Set<Integer> space = new java.util.HashSet<>();
    for (int c : py) space.add(c);
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isSurrogate((char) c)) continue;
      String s = "" + (char) c;
      assertEquals(space.contains(c) ? "" : s, LlamaGuardPrompt.pythonStrip(s), "U+" + Integer.toHexString(c));
    }
    assertEquals("a b", LlamaGuardPrompt.pythonStrip("\u00a0\u0085 a b\u202f\n"));
  }

  @Test
  void messageTextIsInsertedLiterally() {
    String p = new LlamaGuardPrompt(LlamaGuardVariant.named("lg2-hf")).render(List.of(Message.user("$categories $agent_type")));
    assertTrue(p.contains("User: $categories $agent_type\n\n"));
  }

  @Test
  void conversationsMustAlternateStartingWithUser() {
    LlamaGuardPrompt p = new LlamaGuardPrompt(LlamaGuardVariant.named("lg3-8b-hf"));
    assertThrows(IllegalArgumentException.class, () -> p.render(List.of(Message.assistant("hi"))));
    assertThrows(IllegalArgumentException.class, () -> p.render(List.of(Message.user("a"), Message.user("b"))));
    assertThrows(IllegalArgumentException.class, () -> p.render(List.of(Message.tool("doc"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaGuardVariant.named("lg9"));
    assertTrue(e.getMessage().contains("lg3-8b-hf"));
    assertEquals(5, LlamaGuardVariant.names().size());
  }
}
