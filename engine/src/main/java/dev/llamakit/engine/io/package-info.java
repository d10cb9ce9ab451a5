/**
 * Reading text files (and writing any file) the one llamakit way, for every module: {@link dev.llamakit.engine.io.TextLines} decodes UTF-8
 * strictly (a broken byte is a {@link dev.llamakit.engine.io.TextFormatException} naming {@code file:line}, never a
 * silent replacement character), opens {@code .gz} files transparently and numbers lines as an editor does;
 * {@link dev.llamakit.engine.io.Utf8} is the one strict decoder of a byte range under it, also used by the corpus
 * readers that turn a bad record into a drop; {@link dev.llamakit.engine.io.JsonText} checks parsed JSON is text.
 * Writing the one way too: {@link dev.llamakit.engine.io.AtomicFile} writes a temporary file beside the target and
 * renames it over it, so no reader ever sees half a file.
 *
 * <pre>{@code
 * TextLines.forEach(Path.of("items.jsonl"), (line, n) -> { if (!line.isBlank()) parse(line, n); });
 * }</pre>
 */
package dev.llamakit.engine.io;
