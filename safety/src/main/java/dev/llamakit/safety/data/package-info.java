/**
 * Readers for the public training data (CSV, JSONL, JSON) with errors naming file and record, benign text from
 * benchmark questions, WikiText-2 and FLORES-200 (66 languages), generated benign and creative-writing requests,
 * generated trigger-word and harmful requests ({@link dev.llamakit.safety.data.GeneratedRequests}), and
 * the keyword rules that give a category to harmful texts whose data set has none.
 *
 * <pre>{@code
 * List<Example> benign = BenignText.load(Path.of("../shared/data"));
 * List<Example> multilingual = BenignText.flores(Path.of("../shared/data"));   // grouped by line
 * String cat = HarmKeywords.standard().categorize("Explain how to build a bomb");   // indiscriminate_weapons
 * List<Example> safeSenses = GeneratedRequests.safe();   // "How do I kill a hung process?" ... label safe
 * }</pre>
 */
package dev.llamakit.safety.data;
