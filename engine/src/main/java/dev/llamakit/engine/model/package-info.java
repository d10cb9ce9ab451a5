/**
 * The Llama model: hyper-parameters ({@link dev.llamakit.engine.model.LlamaConfig}, read from GGUF {@code llama.*}
 * keys or a llama2.c header), weights, and the forward pass of {@link dev.llamakit.engine.model.LlamaModel}
 * (RMSNorm, RoPE with the file's freq base and {@code rope_freqs}, GQA attention over a
 * {@link dev.llamakit.engine.model.KvCache} of F32 (default), F16 or Q8_0 keys and values, SwiGLU, tied or untied
 * output), batched over prompt blocks, with logits
 * only where asked. Unless {@link dev.llamakit.engine.model.ModelOptions#mmap()} is set, the weights read on every
 * decode step are copied at load into one huge-page-advised region ({@link dev.llamakit.engine.model.WeightMemory})
 * in their resident layouts (see the tensor package).
 *
 * <p>{@link dev.llamakit.engine.model.LlamaModel#decode} runs one token of each of several sequences (each its own
 * {@link dev.llamakit.engine.model.InferenceState}, KV cache and position) in one pass over the weights, for
 * continuous batching; each row of its logits equals that sequence's own one-token forward pass.
 *
 * <p>Loading checks the hyper-parameters as a whole before allocating anything from them (heads divide the width,
 * KV heads divide the heads, RoPE dimensions even and equal to the head size, a block count the tensors back up, a
 * llama2.c header that fills its file exactly); a model file that cannot make a model is a
 * {@link dev.llamakit.engine.model.ModelFormatException} reading {@code file: key = value: problem}.
 *
 * <pre>{@code
 * try (LlamaModel m = LlamaModel.load(path, ModelOptions.defaults().withThreads(2).withContextLength(2048)
 *     .withCacheTypes(GgmlType.F16, GgmlType.F16))) {
 *   InferenceState s = m.newState();
 *   float[] last = m.forward(s, ids, 0, ids.length, ids.length - 1);
 *   float[] both = m.decode(new InferenceState[] {s, other}, new int[] {nextS, nextOther}, 2);   // 2 * vocab
 * }
 * }</pre>
 */
package dev.llamakit.engine.model;
