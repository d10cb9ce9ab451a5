/**
 * Step {@code lm_perplexity}: each document's perplexity under any Llama GGUF model on llamakit's pure-Java engine —
 * the modern form of CCNet's KenLM filter (a neural model instead of a 5-gram, the model's own tokenizer instead of
 * SentencePiece + KenLM's word n-grams).
 *
 * <ul>
 *   <li>{@link dev.llamakit.pipelines.filters.lmppl.LmPerplexityFilter}: the rule — parameters {@code model},
 *       {@code max_tokens}, {@code batch}, {@code threads}, {@code max_perplexity}, {@code field}; signals
 *       {@code lm_perplexity} and {@code lm_perplexity_tokens}; drop reason {@code LM_PERPLEXITY_TOO_HIGH}. Its
 *       javadoc states exactly what is averaged (BOS is context, no EOS).</li>
 *   <li>{@code DocumentScorer}: one model load per worker, one KV state per
 *       scoring thread from a pool, prompt processing in blocks of {@code batch} tokens, windows of the model's
 *       context for longer sequences.</li>
 *   <li>{@code TokenPrefix}: the first tokens of a long text without
 *       tokenizing all of it.</li>
 *   <li>{@link dev.llamakit.pipelines.filters.lmppl.LmScore}: summed log-likelihood and token count.</li>
 * </ul>
 *
 * <p>Cost: a forward pass over up to {@code max_tokens} tokens per document, plus one vocabulary-wide log-sum-exp (vectorised)
 * per scored token — orders of magnitude more than KenLM. Put the step after the cheap filters (length, dedup,
 * language), and use a small model; {@code bench/LmPerplexityBenchmark} measures documents per second.
 *
 * <pre>{@code
 * DocumentFilter ppl = FilterRegistry.standard().create("lm_perplexity", Map.of(
 *     "model", "/models/stories15M-f32.gguf",   // checked on the driver: exists, is GGUF
 *     "max_tokens", 256,                         // score the first 256 tokens of each document
 *     "max_perplexity", 1000.0));                // drop above; leave out to only measure
 * ppl.open();                                    // once per worker: loads the model
 * Verdict v = ppl.apply(document);               // thread-safe
 * double perplexity = v.signals().number("lm_perplexity");
 * long scored = (long) v.signals().number("lm_perplexity_tokens");
 * ppl.close();
 * }</pre>
 */
package dev.llamakit.pipelines.filters.lmppl;
