/**
 * Converting model files: {@link dev.llamakit.engine.convert.GgufQuantizer} re-encodes a GGUF's float weights in a
 * {@link dev.llamakit.engine.convert.QuantMix} — Q8_0 or Q4_0 throughout with ggml's reference rounding, or llama.cpp's
 * Q4_K_M, Q5_K_M and Q6_K mixes, whose per-tensor types {@link dev.llamakit.engine.convert.TensorTypePlan} decides
 * from the bundled tables of {@link dev.llamakit.engine.convert.MixRules} (restated from llama.cpp's
 * {@code llama-quant.cpp}) and whose K-quant blocks the {@code tensor} package's encoders write.
 *
 * <pre>{@code
 * GgufQuantizer.quantize(Path.of("model-f32.gguf"), Path.of("model-q4_k_m.gguf"), QuantMix.Q4_K_M);
 * Map<String, GgmlType> plan = TensorTypePlan.planFor(QuantMix.Q4_K_M, gguf.tensors(), 22);
 * }</pre>
 */
package dev.llamakit.engine.convert;
