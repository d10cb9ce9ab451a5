/**
 * Readers of the benchmarks' canonical file layouts (MMLU per-subject CSVs, GSM8k, ARC, PIQA, HellaSwag,
 * WinoGrande, BoolQ and OpenBookQA JSONL, HumanEval JSONL.gz; Social IQa JSONL + labels, MMLU-Pro as JSON lines, GPQA
 * CSV with lm-eval's seeded answer shuffle, ARC with answer letters for the generation variants; MATH's
 * one-JSON-file-per-problem folders, TriviaQA's rc {@code qa/*.json}, NQ-open, MBPP and the EvalPlus rows) into
 * {@link dev.llamakit.eval.task.Doc}s. Text is read
 * only through engine's
 * {@link dev.llamakit.engine.io.TextLines} (strict UTF-8, gzip); a missing or malformed file is a
 * {@link dev.llamakit.eval.data.DataFormatException} reading {@code file:line: problem}, lines counted as an editor
 * counts them.
 *
 * <pre>{@code
 * Path data = Datasets.dataDir(null);                       // $LLAMAKIT_DATA
 * Path mmlu = Datasets.resolve(data, task.spec().dataset()); // mmlu/cais-canonical-hendrycks-layout
 * List<Doc> test = Datasets.loader("mmlu_csv").load(mmlu, "test");
 * }</pre>
 */
package dev.llamakit.eval.data;
