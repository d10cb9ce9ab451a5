package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
  @Test
  void everyShippedTaskLoadsAndChecks() {
    TaskRegistry reg = TaskRegistry.builtIn();
    assertEquals(List.of("arc_challenge", "arc_easy", "boolq", "gsm8k", "gsm8k_cot", "gsm8k_cot_maj", "hellaswag",
        "humaneval", "humaneval_sampled",
        "ifeval",
        "mmlu", "openbookqa", "piqa",
        "winogrande"),
        reg.names());
    for (String n : reg.names()) {
      Task t = reg.get(n);
      assertEquals(64, t.specHash().length());
      assertTrue(t.spec().about().length() > 20, n);
    }
    assertEquals(8, reg.get("gsm8k_cot").fixedShots().size());
  }

  @Test
  void unknownNamesGetNearSuggestions() {
    TaskRegistry reg = TaskRegistry.builtIn();
    var e = assertThrows(IllegalArgumentException.class, () -> reg.get("gsm8k-cot"));
    assertTrue(e.getMessage().contains("did you mean: gsm8k_cot"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> reg.get("humanevl"));
    assertTrue(e.getMessage().contains("humaneval"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> reg.get("truthfulqa"));
    assertTrue(e.getMessage().contains("known: "), e.getMessage());
  }

  @Test
  void malformedTaskFilesAreRejectedNamingFileAndField() {
    var e = assertThrows(IllegalArgumentException.class, () -> TaskRegistry.load("/dev/llamakit/eval/badtasks/typo.json"));
    assertTrue(e.getMessage().contains("badtasks/typo.json") && e.getMessage().contains("doc_to_txt"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TaskRegistry.load("/dev/llamakit/eval/badtasks/badmetric.json"));
    assertTrue(e.getMessage().contains("badmetric.json") && e.getMessage().contains("unknown metric 'bleu'"),
        e.getMessage());
  }

  @Test
  void templatesRenderFieldsElementsAndFiltersAndRejectTypos() {
    Doc d = new Doc("x", 0, Map.of("question", "  Why?\n", "choices", List.of("a", "b"), "subject", "high_school_us"));
    assertEquals("Why? | b | high school us", Template.compile("{{question|strip}} | {{choices[1]}} | {{subject|words}}")
        .render(d));
    assertThrows(IllegalArgumentException.class, () -> Template.compile("{{question|upper}}"));
    var e = assertThrows(IllegalArgumentException.class, () -> Template.compile("{{answer}}").render(d));
    assertTrue(e.getMessage().contains("no field 'answer'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Template.compile("{{choices[3]}}").render(d));
    assertTrue(e.getMessage().contains("has 2 elements"), e.getMessage());
  }
}
