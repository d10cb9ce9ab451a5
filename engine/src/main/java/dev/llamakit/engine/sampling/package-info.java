/**
 * Choosing generated tokens: {@link dev.llamakit.engine.sampling.SamplingParams} (greedy, temperature, top-k,
 * top-p, min-p, repetition and presence penalties, seed, limits and stops) and the
 * {@link dev.llamakit.engine.sampling.Sampler} that applies them, reproducibly for a given seed.
 *
 * <pre>{@code
 * Sampler s = new Sampler(SamplingParams.sampled(42, 128).withTopK(20), vocab);
 * int next = s.sample(logits, 0, history, historyLength);
 * }</pre>
 */
package dev.llamakit.engine.sampling;
