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
    // other tasks are added in parallel (index.txt is union-merged): every one of these ships, the list stays sorted
    assertTrue(reg.names().containsAll(List.of("arc_challenge", "arc_easy", "boolq", "gsm8k", "gsm8k_cot",
        "gsm8k_cot_maj", "hellaswag", "humaneval", "humaneval_sampled", "mmlu", "openbookqa", "piqa", "winogrande",
        "hendrycks_math", "humaneval_plus", "mbpp", "mbpp_plus", "mbpp_plus_extended", "minerva_math", "minerva_math_string", "nq_open", "triviaqa",
        "arc_challenge_chat", "arc_challenge_llama", "gpqa_diamond_cot_n_shot", "gpqa_diamond_cot_zeroshot",
        "gpqa_diamond_generative_n_shot", "gpqa_diamond_n_shot", "gpqa_diamond_zeroshot", "gpqa_extended_cot_n_shot",
        "gpqa_extended_cot_zeroshot", "gpqa_extended_generative_n_shot", "gpqa_extended_n_shot",
        "gpqa_extended_zeroshot", "gpqa_main_cot_n_shot",
        "gpqa_main_cot_zeroshot", "gpqa_main_generative_n_shot", "gpqa_main_n_shot", "gpqa_main_zeroshot",
        "gsm8k_cot_llama", "gsm8k_llama", "leaderboard_gpqa_diamond", "leaderboard_gpqa_main", "leaderboard_mmlu_pro",
        "mmlu_cot_llama", "mmlu_llama", "mmlu_pro", "mmlu_pro_llama", "siqa", "ifeval")),
        reg.names().toString());
    assertEquals(reg.names().stream().sorted().toList(), reg.names());
    for (String n : reg.names()) {
      Task t = reg.get(n);
      assertEquals(64, t.specHash().length());
      assertTrue(t.spec().about().length() > 20, n);
    }
    assertEquals(8, reg.get("gsm8k_cot").fixedShots().size());
    assertEquals(4, reg.get("minerva_math").fixedShots().size());
    assertEquals(3, reg.get("mbpp").fixedShots().size());
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
