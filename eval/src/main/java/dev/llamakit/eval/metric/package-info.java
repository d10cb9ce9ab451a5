/**
 * Metric arithmetic, by hand and checked in tests: unbiased pass@k, lm-eval's exact match with ignored regexes,
 * multiple-choice acc / acc_norm, means, standard errors, micro (size-weighted) and macro group averages.
 *
 * <pre>{@code
 * PassAtK.estimate(10, 3, 1)                       // 0.3
 * new ExactMatch(List.of(",", "\\$"), true, false).score("$1,000", "1000")   // 1.0
 * Stats.micro(parts); Stats.macro(parts);          // MMLU as lm-eval (micro) and as Meta reports it (macro)
 * }</pre>
 */
package dev.llamakit.eval.metric;
