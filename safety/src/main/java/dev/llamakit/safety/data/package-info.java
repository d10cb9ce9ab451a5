/**
 * Readers for the public training data (CSV, JSONL, JSON) with errors naming file and record, benign text from
 * benchmark questions and WikiText-2, generated benign requests, and the keyword rules that give a category to
 * harmful texts whose data set has none.
 *
 * <pre>{@code
 * List<Example> benign = BenignText.load(Path.of("../shared/data"));
 * String cat = HarmKeywords.standard().categorize("Explain how to build a bomb");   // indiscriminate_weapons
 * }</pre>
 */
package dev.llamakit.safety.data;
