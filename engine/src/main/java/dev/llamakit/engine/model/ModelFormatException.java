package dev.llamakit.engine.model;

import java.nio.file.Path;

/**
 * A model file whose contents cannot make a working Llama model: hyper-parameters that contradict each other or the
 * weights (a head count of 0, heads that do not divide the width, a block count the file has no tensors for), a
 * tensor of the wrong shape or type, or a llama2.c checkpoint whose header does not match its length.
 *
 * <p>The message reads {@code file: field = value: problem}, where the field is the GGUF key, the tensor name or the
 * llama2.c header field. Problems in the GGUF container itself (truncation, bad offsets) are the gguf package's
 * {@link dev.llamakit.engine.gguf.GgufFormatException}.
 */
public final class ModelFormatException extends RuntimeException {
  private final transient Path file;
  private final String field;

  /** {@code file: field = value: problem}. */
  public ModelFormatException(Path file, String field, Object value, String problem) {
    super(file + ": " + field + " = " + value + ": " + problem);
    this.file = file;
    this.field = field;
  }

  /** {@code file: field: problem}, for problems without one offending value. */
  public ModelFormatException(Path file, String field, String problem) {
    super(file + ": " + field + ": " + problem);
    this.file = file;
    this.field = field;
  }

  /** The model file. */
  public Path file() {
    return file;
  }

  /** The GGUF key, tensor name or llama2.c header field at fault. */
  public String field() {
    return field;
  }
}
