/**
 * The {@code decontaminate} rule: documents sharing a word n-gram with a benchmark item are dropped, tagged
 * ({@code signals_only}) or cut as GPT-3 / lm-evaluation-harness's janitor cuts them. The index and the text rules
 * live in {@code dev.llamakit.pipelines.decontam}; this package is the recipe step.
 *
 * <pre>{@code
 * steps:
 *   - read: {}
 *   - decontaminate: {benchmarks: [mmlu, gsm8k, humaneval, "mine=questions.jsonl"], data: ../shared/data/benchmarks}
 *   - decontaminate: {rule: datatrove, signals_only: true}        # tag with datatrove's 12-gram rule
 *   - decontaminate: {action: cut, window: 200, too_dirty: 10}    # GPT-3: cut the matches out
 *   - write: {}
 * }</pre>
 */
package dev.llamakit.pipelines.filters.decontam;
