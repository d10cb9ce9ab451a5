/**
 * Weight storage and every hot loop of the engine: ggml tensor types over memory-mapped {@code MemorySegment}s and
 * their Vector API kernels.
 *
 * <p>{@link dev.llamakit.engine.tensor.WeightMatrix} is sealed over F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q5_1, Q4_K, Q5_K
 * and Q6_K (Q5_0 and Q5_1, llama-quantize's fallbacks for rows that are not a multiple of 256, only through the scalar
 * reference and the float dot).
 * Each type has a scalar reference {@code dequantizeRow} (bit-exact with ggml), a float-activation {@code dot}, and a
 * {@code dotQuantized} that works on the quantized blocks with activations quantized the llama.cpp way
 * ({@link dev.llamakit.engine.tensor.QuantizedActivations}: Q8_0 per 32 for Q8_0/Q4_0, Q8_K with block sums for the
 * K-quants; int8 x int16 multiplies with a pair-add, one float conversion per block or super-block).
 * Kernel rules learned the hard way (C2, Vector API): unpack nibbles and bit fields after widening to int16, since
 * x86 has no byte shifts and the Vector API emulates them; derive segment offsets from the int loop index so C2 can
 * drop the per-load bounds checks; keep loop bodies small, or C2 exceeds its inlining node budget and boxes vectors.
 * Resident layouts: {@link dev.llamakit.engine.tensor.WeightMatrix#resident} copies a matrix into process memory at
 * load, repacking the types whose file layout costs the most instructions per weight (each a
 * {@link dev.llamakit.engine.tensor.RepackedMatrix}). Where 512-bit vectors are
 * native: {@link dev.llamakit.engine.tensor.Q4_0PairedMatrix} (per 64 blocks of a row, their nibbles back to back,
 * then their F32 scales; whole-row runs made 8,192-wide rows read 40% slower from memory),
 * {@link dev.llamakit.engine.tensor.Q4_KPairedMatrix} (the same two-per-byte pairing within each 32-weight sub-block,
 * scales and mins as bytes) and {@link dev.llamakit.engine.tensor.Q6_KPairedMatrix} (two 6-bit values per int16
 * lane); elsewhere Q6_K becomes {@link dev.llamakit.engine.tensor.Q6_KUnpackedMatrix} (one signed byte per weight),
 * Q4_0 at 256 bits still the grouped layout of {@link dev.llamakit.engine.tensor.Q4_0PairedMatrix} with a
 * one-block-per-step kernel (~20% less CPU per mat-vec than the file layout with {@code -XX:UseAVX=2}), Q4_K at 256
 * bits still {@link dev.llamakit.engine.tensor.Q4_KPairedMatrix} with the same step per sub-block (~28% less), and
 * the rest plain copies. Vector width: the file-layout kernels, the unpacked Q6_K one and the prefill decoders
 * take their shapes from {@link dev.llamakit.engine.tensor.KernelShapes}, chosen when the class is initialised from
 * the preferred width: a 16-weight group in one 256-bit int16 vector where vectors are 256 bits or wider, in two
 * 128-bit steps where they are 128 bits (NEON, SSE), never a shape wider than the machine's, which the JIT would
 * emulate about 100x slower. The three paired kernels share one trick: multiply the whole packed lane by the first
 * activation and the upper value by {@code x_hi - 16 x_lo} (or {@code - 64 x_lo}), so no mask is needed and the
 * wrapping int16 arithmetic still ends on the exact sum. Same values, same integer sums per block; only the float
 * summation order differs. Each concrete type overrides {@code dotRows} with the same loop, so the JIT compiles one
 * row loop per type with its kernel inlined (a shared loop sees several receiver types and compiles worse).
 * {@code VectorShuffle}/{@code rearrange} compiled 3x slower than broadcasts and blends in these loops: avoid it. Write block loops as
 * counted loops ({@code for (; b < even; b += 2)}, not {@code b + 1 < nb}): C2 optimises only those well.
 * {@link dev.llamakit.engine.tensor.MatMul} runs them in parallel (decode) or, for several tokens (prefill), decodes
 * 32-row blocks once and runs the column-chunked 4x4 register tiles of {@link dev.llamakit.engine.tensor.TileKernels}
 * (where C2 has only 16 vector registers, as with AVX2, 20-row blocks decoded into rows a constant stride apart and
 * the 4-row x 16-token broadcast tiles of {@link dev.llamakit.engine.tensor.BroadcastTiles} on activations transposed
 * once per call, which do not spill);
 * for a decode batch (one token of each of several sequences, {@code MatMul.matmulEach}) it runs the one-token
 * kernels per token on 16-row groups while they are in cache, so results equal the one-token path's and the weights
 * are read once per step;
 * {@link dev.llamakit.engine.tensor.FloatKernels} holds RMSNorm, softmax, RoPE and the float dots;
 * {@link dev.llamakit.engine.tensor.KvRows} the KV cache's F32/F16/Q8_0 rows and attention's two products over them.
 * {@link dev.llamakit.engine.tensor.Quantizer} writes rows in every type the engine reads: F32/F16/BF16, Q8_0, Q4_0,
 * Q5_0 and Q5_1 with ggml's reference rounding, and Q4_K/Q5_K/Q6_K in ggml's block layouts filled by llamakit's own
 * scale search ({@code AffineFit} for the scale/min sub-blocks, {@code SymmetricFit} for Q6_K's signed ones).
 *
 * <pre>{@code
 * WeightMatrix w = WeightMatrix.of("blk.0.attn_q.weight", GgmlType.Q4_0, gguf.data(info), rows, cols);
 * QuantizedActivations q = new QuantizedActivations(cols);
 * q.quantize(w.activationFormat(), x, 0, cols);
 * float y0 = w.dotQuantized(0, q, x, scratch);
 * }</pre>
 */
package dev.llamakit.engine.tensor;
