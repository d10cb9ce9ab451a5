/**
 * The engine's public inference API over token ids: {@link dev.llamakit.engine.inference.LlamaEngine} generates
 * (streaming, seeded sampling, stop tokens/strings), scores continuations
 * ({@link dev.llamakit.engine.inference.ScoredContinuation}: sum, per-token log-probs, is-greedy), returns full
 * next-token distributions and rolling log-likelihoods, and keeps a byte-bounded LRU
 * {@link dev.llamakit.engine.inference.PrefixCache} of shared prompt prefixes. For continuous batching,
 * {@link dev.llamakit.engine.inference.BatchEngine} keeps sequence slots (prefilled from the longest prefix any slot
 * holds, decoded together), and the decode loop ({@link dev.llamakit.engine.inference.TokenLoop}) and text stop
 * policy ({@link dev.llamakit.engine.inference.TextStream}) run one step at a time for a scheduler, with the same
 * results as {@code generate}.
 * {@link dev.llamakit.engine.inference.ChunkedPerplexity} is llama-perplexity's chunked perplexity over a model.
 *
 * <pre>{@code
 * try (LlamaEngine e = LlamaEngine.load(path, ModelOptions.defaults())) {
 *   e.cachePrefix(fewShotIds);                               // computed once, reused by every request below
 *   List<ScoredContinuation> s = e.loglikelihood(questionIds, choices);
 *   GenerationResult g = e.generate(promptIds, SamplingParams.sampled(42, 128), (id, i) -> true);
 * }
 * ChunkedPerplexity.Result r = ChunkedPerplexity.compute(model, ids, 512, 512, 0, tok.bos(), null);
 * }</pre>
 */
package dev.llamakit.engine.inference;
