/**
 * LLaMA's quality classifier: "a linear model trained to classify pages used as references in Wikipedia v.s.
 * randomly sampled pages", keeping the pages classified as references — as RedPajama-v1 rebuilt it (fastText,
 * labels {@code wiki} / {@code cc}, keep when P(wiki) &ge; 0.25).
 *
 * <ul>
 *   <li>{@link dev.llamakit.pipelines.filters.quality.QualityClassifierFilter}, step {@code quality_classifier}:
 *       scores a document (signal {@code quality_score}) and drops it as {@code QUALITY_BELOW_THRESHOLD} under
 *       {@code threshold}; parameters {@code model} (file or {@code default}), {@code threshold} (0.25),
 *       {@code label} ({@code wiki}), {@code languages} ({@code [en]}: other languages are kept unscored, with
 *       {@code quality_skipped}).</li>
 *   <li>{@link dev.llamakit.pipelines.filters.quality.QualityModel}: the loaded model, and the one text
 *       normalisation used at training and inference (safety's {@code TextFeatures.normalize}: NFKC, lower case,
 *       line breaks to spaces, punctuation split, URLs and long numbers as placeholders).</li>
 *   <li>{@link dev.llamakit.pipelines.filters.quality.QualityTrainer} ({@code llamakit pipeline
 *       train-classifier}): reads and chunks sources ({@link dev.llamakit.pipelines.filters.quality.QualityCorpus}),
 *       de-duplicates, splits by hash, balances, trains single-threaded with a seed through safety's fastText
 *       trainer, and reports held-out and leave-one-source-out figures.</li>
 *   <li>{@link dev.llamakit.pipelines.filters.quality.QualityCalibration} ({@code llamakit pipeline
 *       calibrate-classifier}): keep-top-fraction turned into a threshold on a sample — a rule sees one document
 *       at a time, so this is how a top fraction is kept.</li>
 * </ul>
 *
 * <p><b>The shipped model</b> ({@code default-quality.ftz}, 568 KB, recipe and licences in {@code DEFAULT-MODEL.md}
 * beside it) is <em>not</em> Meta's classifier nor RPv1's: their positives were pages cited by Wikipedia; here the
 * positives are Wikipedia article text (WikiText-2) and public-domain books, the negatives a few hundred pieces of
 * Common Crawl text, English only. Its leave-one-source-out figures show the limits (trained without Wikipedia text
 * it keeps only 26 % of it). Train your own for real use.
 *
 * <pre>{@code
 * // in a recipe: after the language step, keep reference-like English pages
 * DocumentFilter q = FilterRegistry.standard().create("quality_classifier",
 *     Map.of("model", "default", "threshold", 0.25, "languages", List.of("en")));
 * q.open();
 * Verdict v = q.apply(document);            // v.signals().number("quality_score")
 *
 * // train: llamakit pipeline train-classifier --positive wiki=refs.jsonl.gz --negative cc=random.jsonl.gz \
 * //          --chunk-chars 2000 --output quality.ftz --cutoff 100000 --qnorm --retrain
 * // keep the top 30 % instead of a fixed threshold:
 * //        llamakit pipeline calibrate-classifier sample.jsonl.gz --model quality.ftz --keep-top-fraction 0.3
 * }</pre>
 */
package dev.llamakit.pipelines.filters.quality;
