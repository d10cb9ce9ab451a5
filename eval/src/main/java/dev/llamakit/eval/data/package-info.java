/**
 * Readers of the benchmarks' canonical file layouts (MMLU per-subject CSVs, GSM8k and ARC JSONL, HumanEval
 * JSONL.gz) into {@link dev.llamakit.eval.task.Doc}s; a missing or malformed file is an error naming file and row.
 *
 * <pre>{@code
 * Path data = Datasets.dataDir(null);                       // $LLAMAKIT_DATA
 * Path mmlu = Datasets.resolve(data, task.spec().dataset()); // mmlu/cais-canonical-hendrycks-layout
 * List<Doc> test = Datasets.loader("mmlu_csv").load(mmlu, "test");
 * }</pre>
 */
package dev.llamakit.eval.data;
