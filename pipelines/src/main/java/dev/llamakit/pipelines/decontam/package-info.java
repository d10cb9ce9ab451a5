/**
 * Benchmark contamination, on Apache Lucene: benchmark items (MMLU, GSM8k, HumanEval, ARC in the layouts
 * {@code llamakit eval} reads, or a user's JSONL) are read with the ids eval gives them ({@link
 * dev.llamakit.pipelines.decontam.BenchmarkReader}), cut into normalised words ({@link
 * dev.llamakit.pipelines.decontam.NgramRule}: lm-eval's janitor, 13-grams, or datatrove's {@code simplify_text},
 * 12-grams) and indexed as word n-grams in an in-memory Lucene index ({@link
 * dev.llamakit.pipelines.decontam.NgramIndex}). Two uses:
 *
 * <ul>
 *   <li>removal, per document: the {@code decontaminate} recipe step ({@code filters.decontam.DecontaminateFilter})
 *       drops or tags a document sharing an n-gram with an item, or cuts the matches out ({@link
 *       dev.llamakit.pipelines.decontam.JanitorCut}, GPT-3's 200-character windows and 10-match limit);</li>
 *   <li>analysis, per benchmark item: {@link dev.llamakit.pipelines.decontam.ContaminationReport} computes, as the
 *       Llama 2 paper does, the fraction of an item's words covered by matches of at least n words in a corpus and
 *       its {@link dev.llamakit.pipelines.decontam.LlamaSubset}s (clean, not clean, not dirty, dirty), written as
 *       JSONL for {@code llamakit eval run --contamination FILE --subset clean}.</li>
 * </ul>
 *
 * <pre>{@code
 * Path data = Path.of("../shared/data/benchmarks");
 * List<BenchmarkSource> sources = List.of(BenchmarkSource.parse("gsm8k", data, "question", "id"),
 *     BenchmarkSource.parse("mine=questions.jsonl", data, "question", "id"));
 * NgramIndex index = NgramIndex.build(SharedIndexes.read(sources), NgramRule.JANITOR, 13, 0);
 * ContaminationReport report = new ContaminationReport(index);
 * for (String doc : corpus) report.scan(doc);
 * List<ContaminationReport.ItemCoverage> items = report.coverage();   // gsm8k:test/12 coverage 0.93 [not-clean, dirty]
 * ContaminationReport.writeJsonl(items, Path.of("contamination.jsonl"));
 * }</pre>
 */
package dev.llamakit.pipelines.decontam;
