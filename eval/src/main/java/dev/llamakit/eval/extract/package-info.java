/**
 * Answer extraction as named pipelines of small steps, as lm-eval's {@code filter_list} ({@code strict-match},
 * {@code flexible-extract}, {@code maj@8}, {@code create_test}).
 *
 * <pre>{@code
 * var strict = new RegexFilter("The answer is (\\-?[0-9\\.\\,]+).", 0, "[invalid]");
 * strict.extract("... The answer is 1,234.")        // "1,234"
 * var flexible = new RegexFilter("(-?[$0-9.,]{2,})|(-?[0-9]+)", -1, "[invalid]");
 * flexible.extract("3 apples and $12.50 total")     // "$12.50" (the last number)
 * MajorityVote.vote(List.of("5", "7", "7", "5"))     // "5" (ties go to the first seen)
 * }</pre>
 */
package dev.llamakit.eval.extract;
