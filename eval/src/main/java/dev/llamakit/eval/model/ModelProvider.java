package dev.llamakit.eval.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a {@link LanguageModel} from a model file; found through {@link java.util.ServiceLoader} by
 * {@link ModelProviders}.
 *
 * <p>The engine adapter implements this and registers it in
 * {@code META-INF/services/dev.llamakit.eval.model.ModelProvider}. {@code llamakit eval run --model FILE} picks the
 * first provider whose {@link #supports} accepts the file.
 */
public interface ModelProvider {

  /** A short id, e.g. {@code "engine"}, selectable with {@code --provider}. */
  String id();

  /** True when this provider can open {@code modelFile} (e.g. by its extension or magic number). */
  boolean supports(Path modelFile);

  /**
   * Opens the model.
   *
   * @param modelFile the model file (GGUF, llama2.c, ...)
   * @param options free-form {@code --model-arg key=value} settings (context length, threads, BOS policy...)
   */
  LanguageModel open(Path modelFile, Map<String, String> options);
}
