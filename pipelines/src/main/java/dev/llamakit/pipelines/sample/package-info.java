/**
 * Deterministic sample and benchmark corpora: multilingual WET files generated from the bundled FLORES-200
 * sentences (CC BY-SA 4.0), with the boilerplate, quoted sentences, short pages and language-less pages that the
 * CCNet recipe exists to remove.
 *
 * <pre>{@code
 * new CorpusGenerator(LanguagePool.all(), 42)
 *     .write(dir, "bench", new CorpusGenerator.Shape(200_000, 16, 4000, 400));
 * }</pre>
 */
package dev.llamakit.pipelines.sample;
