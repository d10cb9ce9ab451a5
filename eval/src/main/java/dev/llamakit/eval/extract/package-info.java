/**
 * Answer extraction as named pipelines of small steps, as lm-eval's {@code filter_list} ({@code strict-match},
 * {@code flexible-extract}, {@code maj@8}, {@code create_test}, {@code remove_whitespace}), plus the answer readers
 * lm-eval puts in task {@code process_results} (Minerva's and hendrycks_math's) and the programs code tasks execute
 * (HumanEval's, MBPP's, EvalPlus MBPP+'s).
 *
 * <pre>{@code
 * var strict = new RegexFilter("The answer is (\\-?[0-9\\.\\,]+).", 0, "[invalid]");
 * strict.extract("... The answer is 1,234.")        // "1,234"
 * var flexible = new RegexFilter("(-?[$0-9.,]{2,})|(-?[0-9]+)", -1, "[invalid]");
 * flexible.extract("3 apples and $12.50 total")     // "$12.50" (the last number)
 * MajorityVote.vote(List.of("5", "7", "7", "5"))     // "5" (ties go to the first seen)
 * HendrycksMathAnswer.answer("so $\\frac{1}{2}$.")   // "\\frac{1}{2}" (between the first and last $)
 * PyStrings.strip("\u00a0 Paris \n")                 // "Paris" (Python's str.strip())
 * }</pre>
 */
package dev.llamakit.eval.extract;
