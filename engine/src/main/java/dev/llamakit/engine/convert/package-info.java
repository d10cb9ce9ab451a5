/**
 * Converting model files: {@link dev.llamakit.engine.convert.GgufQuantizer} re-encodes a GGUF's float weights as
 * Q8_0 or Q4_0 with ggml's reference rounding.
 *
 * <pre>{@code
 * GgufQuantizer.quantize(Path.of("model-f32.gguf"), Path.of("model-q8_0.gguf"), GgmlType.Q8_0);
 * }</pre>
 */
package dev.llamakit.engine.convert;
