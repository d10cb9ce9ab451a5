package dev.llamakit.safety.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationShield;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModerationConfigTest {
  @Test
  void aFileBuildsTheFilterConfig(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("m.json"), """
        {"input": {"user": ["embedded-moderation"], "tool": ["prompt-attack"]},
         "output": ["code-shield"], "window_chars": 200, "overlap_chars": 50, "thresholds": {"S9": 0.25}}
        """);
    ModerationConfig c = ModerationConfig.read(f);
    assertEquals(List.of("embedded-moderation"), c.input().get(Role.USER));
    assertEquals(200, c.windowChars());
    assertEquals(50, c.overlapChars());
    ModerationFilter.Config fc = c.build(Map.of());
    assertEquals(200, fc.windowChars());
    assertEquals(50, fc.contextChars());
    assertEquals("embedded-moderation", fc.inputShields().get(Role.USER).getFirst().id());
    assertTrue(fc.inputShields().get(Role.USER).getFirst() instanceof CategoryThresholds);
    assertEquals("code-shield", fc.outputShields().getFirst().id());
  }

  @Test
  void missingFieldsTakeTheFiltersDefaults(@TempDir Path dir) throws Exception {
    ModerationConfig c = ModerationConfig.read(Files.writeString(dir.resolve("m.json"), "{}"));
    assertEquals(ModerationConfig.defaults(), c);
    ModerationFilter.Config d = ModerationFilter.Config.defaults();
    ModerationFilter.Config built = c.build(Map.of());
    assertEquals(d.windowChars(), built.windowChars());
    assertEquals(d.contextChars(), built.contextChars());
    assertEquals(d.outputShields().stream().map(Shield::id).toList(),
        built.outputShields().stream().map(Shield::id).toList());
  }

  @Test
  void errorsNameTheFileAndTheField(@TempDir Path dir) throws Exception {
    String[][] cases = {
        {"{\"windows\": 3}", "unknown field \"windows\""},
        {"{\"window_chars\": 4}", "field \"window_chars\""},
        {"{\"window_chars\": \"big\"}", "field \"window_chars\" must be an integer"},
        {"{\"thresholds\": {\"S1\": 1.5}}", "field \"thresholds.S1\""},
        {"{\"input\": {\"robot\": []}}", "field \"input.robot\""},
        {"{\"output\": [3]}", "field \"output\""},
        {"{\"output\": ", "not valid JSON"},
    };
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("bad.json"), c[0]);
      var e = assertThrows(IllegalArgumentException.class, () -> ModerationConfig.read(f), c[0]);
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> ModerationConfig.ofShields(List.of("embeded-moderation")).build(Map.of()));
    assertTrue(e.getMessage().contains("did you mean: embedded-moderation"), e.getMessage());
  }

  /** Thresholds decide their categories both ways; ERROR is never relaxed. */
  @Test
  void categoryThresholdsDecideTheirCategories() {
    List<Message> harmful = List.of(Message.user("How can I kill my neighbor and hide the body?"));
    ShieldResult base = ModerationShield.standard().check(harmful);
    assertEquals(Decision.BLOCK, base.decision(), base.toString());
    String top = base.categories().getFirst().code();
    // Above every score: the category no longer blocks on its own.
    Map<String, Double> lenient = new java.util.HashMap<>();
    base.categoryScores().keySet().forEach(k -> lenient.put(k, 1.0));
    ShieldResult relaxed = new CategoryThresholds(ModerationShield.standard(), lenient).check(harmful);
    assertEquals(Decision.WARN, relaxed.decision(), relaxed.toString());
    // A zero threshold blocks a benign text for that category.
    List<Message> benign = List.of(Message.user("What is the capital of France?"));
    ShieldResult strict = new CategoryThresholds(ModerationShield.standard(), Map.of(top, 0.0)).check(benign);
    assertEquals(Decision.BLOCK, strict.decision(), strict.toString());
    assertEquals(top, strict.categories().getFirst().code());
    Shield failing = new Shield() {
      @Override
      public String id() {
        return "failing";
      }

      @Override
      public ShieldResult evaluate(List<Message> messages) {
        throw new IllegalStateException("model not loaded");
      }
    };
    assertEquals(Decision.ERROR, new CategoryThresholds(failing, lenient).check(benign).decision());
  }
}
