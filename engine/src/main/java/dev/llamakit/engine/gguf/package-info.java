/**
 * Reading GGUF model files: the header, typed metadata, and the tensor table, memory-mapped through the FFM API.
 *
 * <p>A GGUF file is a header ({@code "GGUF"}, version, counts), key/value metadata (architecture hyper-parameters,
 * the tokenizer's vocabulary and merges, the chat template), a table of tensors (name, shape, {@link
 * dev.llamakit.engine.gguf.GgmlType type}, offset) and the aligned tensor data. {@link dev.llamakit.engine.gguf.GgufFile}
 * maps the file once and hands out slices; nothing is copied.
 *
 * <pre>{@code
 * try (GgufFile f = GgufFile.open(path)) {
 *   int layers = f.metadata().getInt("llama.block_count");
 *   for (TensorInfo t : f.tensors()) System.out.println(t);
 * }
 * }</pre>
 */
package dev.llamakit.engine.gguf;
