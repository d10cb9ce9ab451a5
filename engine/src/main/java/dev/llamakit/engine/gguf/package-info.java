/**
 * Reading GGUF model files: the header, typed metadata, and the tensor table, memory-mapped through the FFM API.
 *
 * <p>A GGUF file is a header ({@code "GGUF"}, version, counts), key/value metadata (architecture hyper-parameters,
 * the tokenizer's vocabulary and merges, the chat template), a table of tensors (name, shape, {@link
 * dev.llamakit.engine.gguf.GgmlType type}, offset) and the aligned tensor data. {@link dev.llamakit.engine.gguf.GgufFile}
 * maps the file once and hands out slices; nothing is copied.
 *
 * <p><b>Hostile files.</b> Opening validates before it allocates: counts and lengths against the bytes left, sizes
 * with exact arithmetic, array nesting bounded, tensor data placed as llama.cpp's {@code gguf.cpp} requires (aligned,
 * back to back in table order, inside the file). Every problem is a {@link
 * dev.llamakit.engine.gguf.GgufFormatException} naming the file, the key or tensor, and the value; whether the
 * contents make a model is the model package's concern ({@code ModelFormatException}).
 *
 * <pre>{@code
 * try (GgufFile f = GgufFile.open(path)) {
 *   int layers = f.metadata().getInt("llama.block_count");
 *   for (TensorInfo t : f.tensors()) System.out.println(t);
 * }
 * }</pre>
 */
package dev.llamakit.engine.gguf;
