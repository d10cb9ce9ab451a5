/**
 * The Llama model: hyper-parameters ({@link dev.llamakit.engine.model.LlamaConfig}, read from GGUF {@code llama.*}
 * keys or a llama2.c header), weights, and the forward pass of {@link dev.llamakit.engine.model.LlamaModel}
 * (RMSNorm, RoPE with the file's freq base and {@code rope_freqs}, GQA attention over an F32
 * {@link dev.llamakit.engine.model.KvCache}, SwiGLU, tied or untied output), batched over prompt blocks, with logits
 * only where asked. Unless {@link dev.llamakit.engine.model.ModelOptions#mmap()} is set, the weights read on every
 * decode step are copied at load into one huge-page-advised region ({@link dev.llamakit.engine.model.WeightMemory})
 * in their resident layouts (see the tensor package).
 *
 * <pre>{@code
 * try (LlamaModel m = LlamaModel.load(path, ModelOptions.defaults().withThreads(2).withContextLength(2048))) {
 *   InferenceState s = m.newState();
 *   float[] last = m.forward(s, ids, 0, ids.length, ids.length - 1);
 * }
 * }</pre>
 */
package dev.llamakit.engine.model;
