package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A named chain of {@link FilterStep}s (lm-eval's {@code filter_list} entry), built from a task file; the function
 * names are {@code regex}, {@code take_first}, {@code majority_vote}, {@code humaneval_program},
 * {@code remove_whitespace}, {@code multi_choice_regex}, {@code minerva_math_answer}, {@code mbpp_program},
 * {@code hendrycks_math_answer} and {@code evalplus_mbpp_program}.
 *
 * @param name filter name used in metric keys ({@code exact_match,strict-match})
 * @param steps the steps, applied in order
 */
public record FilterPipeline(String name, List<FilterStep> steps) {
  private static final Set<String> FUNCTIONS = Set.of("regex", "take_first", "majority_vote", "humaneval_program",
      "remove_whitespace", "multi_choice_regex", "minerva_math_answer", "mbpp_program", "hendrycks_math_answer",
      "evalplus_mbpp_program");

  /** The pipeline of {@code spec}; {@code {repeats}} in its name becomes the repeat count. */
  public static FilterPipeline of(TaskSpec.FilterSpec spec, int repeats) {
    List<FilterStep> steps = new ArrayList<>();
    for (TaskSpec.StepSpec s : spec.steps()) {
      steps.add(switch (s.function()) {
        case "regex" -> new RegexFilter(s.pattern(), s.groupSelect() == null ? 0 : s.groupSelect(),
            s.fallback() == null ? "[invalid]" : s.fallback());
        case "take_first" -> new TakeFirst();
        case "remove_whitespace" -> new RemoveWhitespace();
        case "multi_choice_regex" -> new MultiChoiceRegex(s.pattern(), s.groupSelect() == null ? 0 : s.groupSelect(),
            s.fallback() == null ? "[invalid]" : s.fallback(), Boolean.TRUE.equals(s.ignoreCase()),
            Boolean.TRUE.equals(s.ignorePunctuation()), s.regexesToIgnore());
        case "majority_vote" -> new MajorityVote();
        case "humaneval_program" -> new HumanEvalProgram();
        case "minerva_math_answer" -> new MinervaMathAnswer();
        case "mbpp_program" -> new MbppProgram();
        case "hendrycks_math_answer" -> new HendrycksMathAnswer();
        case "evalplus_mbpp_program" -> new EvalPlusMbppProgram();
        default -> throw new IllegalArgumentException("filter '" + spec.name() + "': unknown function '" + s.function()
            + "'" + TaskRegistry.suggestions(s.function(), FUNCTIONS));
      });
    }
    return new FilterPipeline(spec.name().replace("{repeats}", Integer.toString(repeats)), List.copyOf(steps));
  }

  /** Runs the chain over one document's responses. */
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> r = responses;
    for (FilterStep s : steps) {
      r = s.apply(doc, r);
    }
    return r;
  }
}
