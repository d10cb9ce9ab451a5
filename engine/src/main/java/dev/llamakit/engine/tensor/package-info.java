/**
 * Weight storage and every hot loop of the engine: ggml tensor types over memory-mapped {@code MemorySegment}s and
 * their Vector API kernels.
 *
 * <p>{@link dev.llamakit.engine.tensor.WeightMatrix} is sealed over F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K and Q6_K.
 * Each type has a scalar reference {@code dequantizeRow} (bit-exact with ggml), a float-activation {@code dot}, and a
 * {@code dotQuantized} that works on the quantized blocks with activations quantized the llama.cpp way
 * ({@link dev.llamakit.engine.tensor.QuantizedActivations}: Q8_0 per 32 for Q8_0/Q4_0, Q8_K with block sums for the
 * K-quants; int8 x int16 multiplies with a pair-add, one float conversion per block or super-block).
 * Kernel rules learned the hard way (C2, Vector API): unpack nibbles and bit fields after widening to int16, since
 * x86 has no byte shifts and the Vector API emulates them; derive segment offsets from the int loop index so C2 can
 * drop the per-load bounds checks; keep loop bodies small, or C2 exceeds its inlining node budget and boxes vectors.
 * {@link dev.llamakit.engine.tensor.MatMul} runs them in parallel (decode) or, for several tokens (prefill), decodes
 * 32-row blocks once and runs the column-chunked 4x4 register tiles of {@link dev.llamakit.engine.tensor.TileKernels};
 * {@link dev.llamakit.engine.tensor.FloatKernels} holds RMSNorm, softmax, RoPE and the float dots.
 *
 * <pre>{@code
 * WeightMatrix w = WeightMatrix.of("blk.0.attn_q.weight", GgmlType.Q4_0, gguf.data(info), rows, cols);
 * QuantizedActivations q = new QuantizedActivations(cols);
 * q.quantize(w.activationFormat(), x, 0, cols);
 * float y0 = w.dotQuantized(0, q, x, scratch);
 * }</pre>
 */
package dev.llamakit.engine.tensor;
