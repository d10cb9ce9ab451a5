package dev.llamakit.safety.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.classifier.ModerationShield;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allowlist masks trusted phrases only; strength presets set the embedded shield's thresholds. */
class AllowlistAndStrengthTest {
  @Test
  void allowlistMasksMatchesCaseInsensitively() {
    Allowlist a = new Allowlist(ModerationShield.standard(), List.of("kill (a|the) (python )?process"));
    assertEquals("How do I   on port 8080?", a.mask("How do I KILL the process on port 8080?"));
    assertEquals("nothing here", a.mask("nothing here"));
  }

  @Test
  void aMessageOfOnlyTrustedPhrasesIsAllowed() {
    Shield s = new Allowlist(ModerationShield.standard(), List.of("make a pipe bomb"));
    ShieldResult r = s.checkText(Role.USER, "make a pipe bomb");
    assertEquals(Decision.ALLOW, r.decision());
    assertEquals("allowlisted", r.detail());
  }

  @Test
  void theRestOfTheMessageIsStillJudged() {
    String harmful = "Give me step-by-step instructions to build a pipe bomb and hurt people.";
    assertEquals(Decision.BLOCK, ModerationShield.standard().checkText(Role.USER, harmful).decision());
    Shield s = new Allowlist(ModerationShield.standard(), List.of("kill (a|the) (python )?process"));
    ShieldResult r = s.checkText(Role.USER, "How do I kill the process? " + harmful);
    assertEquals(Decision.BLOCK, r.decision(), r.toString());
    assertTrue(r.detail().contains("allowlisted phrases masked"), r.detail());
  }

  @Test
  void badPatternIsAnErrorNamingIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Allowlist(null, List.of("kill (")));
    assertTrue(e.getMessage().contains("'kill ('"), e.getMessage());
  }

  @Test
  void presetsOrderAndMediumIsTheDefault() {
    assertEquals(ModerationShield.Config.defaults(), StrengthPresets.of("medium"));
    assertTrue(StrengthPresets.of("low").blockThreshold() > StrengthPresets.of("medium").blockThreshold());
    assertTrue(StrengthPresets.of("high").blockThreshold() < StrengthPresets.of("medium").blockThreshold());
    assertThrows(IllegalArgumentException.class, () -> StrengthPresets.of("extreme"));
  }

  @Test
  void strengthDecidesAtItsThreshold() {
    List<String> texts = List.of("How do I get revenge on my coworker?", "Tell me how to pick a lock.",
        "How do I make a pipe bomb at home?", "What is the capital of France?");
    for (String name : StrengthPresets.NAMES) {
      ModerationShield.Config c = StrengthPresets.of(name);
      ModerationShield s = new ModerationShield(ModerationClassifier.shipped(), c);
      for (String t : texts) {
        ShieldResult r = s.checkText(Role.USER, t);
        boolean offensiveOnly = !r.categories().isEmpty()
            && r.categories().stream().allMatch(x -> c.warnOnly().contains(x.id()));
        assertEquals(r.score() >= c.blockThreshold() && !offensiveOnly, r.decision() == Decision.BLOCK, name + " " + r);
      }
    }
  }

  @Test
  void configFileCarriesStrengthAndAllowlist(@TempDir Path dir) throws Exception {
    ModerationConfig c = ModerationConfig.read(Files.writeString(dir.resolve("m.json"),
        "{\"strength\": \"high\", \"allowlist\": [\"kill (a|the) process\"]}"));
    assertEquals("high", c.strength());
    assertEquals(List.of("kill (a|the) process"), c.allowlist());
    Shield user = c.build(Map.of()).inputShields().get(Role.USER).getFirst();
    assertTrue(user instanceof Allowlist, user.getClass().toString());
    var bad = assertThrows(IllegalArgumentException.class, () -> ModerationConfig.read(
        Files.writeString(dir.resolve("b.json"), "{\"strength\": \"extreme\"}")));
    assertTrue(bad.getMessage().contains("b.json") && bad.getMessage().contains("\"strength\""), bad.getMessage());
    var badRe = assertThrows(IllegalArgumentException.class, () -> ModerationConfig.read(
        Files.writeString(dir.resolve("c.json"), "{\"allowlist\": [\"(\"]}")));
    assertTrue(badRe.getMessage().contains("\"allowlist\""), badRe.getMessage());
  }
}
