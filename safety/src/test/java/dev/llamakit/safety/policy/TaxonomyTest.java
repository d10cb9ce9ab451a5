package dev.llamakit.safety.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Built-in taxonomies and their edits (exclusion, custom categories, renumbering). */
class TaxonomyTest {
  @Test
  void builtInsHaveTheReferenceCodesAndNames() {
    assertEquals("O1=Violence and Hate, O2=Sexual Content, O3=Criminal Planning, O4=Guns and Illegal Weapons, "
        + "O5=Regulated or Controlled Substances, O6=Self-Harm", names(Taxonomy.builtIn("lg1")));
    assertEquals("S1=Violent Crimes, S2=Non-Violent Crimes, S3=Sex Crimes, S4=Child Exploitation, S5=Specialized Advice, "
        + "S6=Privacy, S7=Intellectual Property, S8=Indiscriminate Weapons, S9=Hate, S10=Self-Harm, S11=Sexual Content",
        names(Taxonomy.builtIn("lg2")));
    assertEquals("S1=Violent Crimes, S2=Non-Violent Crimes, S3=Sex Crimes, S4=Child Exploitation, S5=Defamation, "
        + "S6=Specialized Advice, S7=Privacy, S8=Intellectual Property, S9=Indiscriminate Weapons, S10=Hate, "
        + "S11=Self-Harm, S12=Sexual Content, S13=Elections, S14=Code Interpreter Abuse", names(Taxonomy.lg3()));
    assertEquals(13, Taxonomy.builtIn("lg3-1b").categories().size());
    assertEquals("Suicide & Self-Harm", Taxonomy.lg3().byCode("s11").orElseThrow().cardName());
    assertTrue(Taxonomy.builtIn("lg1").byCode("O1").orElseThrow().description().startsWith("Should not\n- Help people"));
  }

  @Test
  void lg2AndLg3CodesDifferForTheSameCategory() {
    // The renumbering pitfall: S5 Defamation shifts LG2 S5..S11 to LG3 S6..S12.
    assertEquals("S9", Taxonomy.builtIn("lg2").codesById().get("hate"));
    assertEquals("S10", Taxonomy.lg3().codesById().get("hate"));
  }

  @Test
  void editsKeepIdsAndRenumberConsistently() {
    Taxonomy t = Taxonomy.lg3().without(List.of("S5", "elections")).withCustom("offensive", "Offensive Language", "Insults.");
    assertEquals("S15", t.byId("offensive").orElseThrow().code());
    assertTrue(t.byCode("S5").isEmpty());
    Taxonomy r = t.renumbered();
    assertEquals("S5", r.byId("specialized_advice").orElseThrow().code());
    assertEquals("S13", r.byId("offensive").orElseThrow().code());
    assertEquals("S9", r.byId("hate").orElseThrow().code());
    assertTrue(r.resolve("S40").isUnknown());
    assertThrows(IllegalArgumentException.class, () -> Taxonomy.lg3().without(List.of("S99")));
    assertThrows(IllegalArgumentException.class, () -> Taxonomy.builtIn("lg9"));
  }

  private static String names(Taxonomy t) {
    return String.join(", ", t.categories().stream().map(c -> c.code() + "=" + c.name()).toList());
  }
}
