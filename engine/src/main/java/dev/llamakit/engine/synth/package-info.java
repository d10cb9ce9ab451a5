/**
 * Random-weight models with the tensor shapes of real ones (stories15M, stories110M, TinyLlama-1.1B, Llama-3.2-1B;
 * table in {@code shapes.json}) in F32/F16/Q8_0/Q4_0/Q4_K_M mixes, for benchmarks and kernel tests.
 *
 * <pre>{@code
 * SyntheticModel.write(ModelShape.named("tinyllama-1.1b"), TypeMix.Q4_0, null, 1, Path.of("tl-q4_0.gguf"));
 * }</pre>
 */
package dev.llamakit.engine.synth;
