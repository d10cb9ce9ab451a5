package dev.llamakit.eval.engine;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.model.ModelProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code engine} model provider: GGUF files and llama2.c checkpoints run in llamakit's engine.
 *
 * <p>{@code --model-arg} keys: {@code threads}, {@code ctx} (context length), {@code bos} (true/false, default true:
 * prepend BOS to every request as Meta's evaluations do), {@code tokenizer} (a llama2.c tokenizer file, needed for
 * {@code .bin} checkpoints), {@code prefix_cache_mb} (default 256), {@code chat_template} (a built-in template name,
 * e.g. {@code llama3}, for {@code --apply-chat-template}; default: the GGUF's {@code tokenizer.chat_template}).
 */
public final class EngineModelProvider implements ModelProvider {
  private static final Set<String> KEYS = Set.of("threads", "ctx", "bos", "tokenizer", "prefix_cache_mb",
      "chat_template");

  @Override
  public String id() {
    return "engine";
  }

  @Override
  public boolean supports(Path modelFile) {
    String n = modelFile.getFileName().toString().toLowerCase();
    return n.endsWith(".bin") || isGguf(modelFile);
  }

  private static boolean isGguf(Path modelFile) {
    try (InputStream in = Files.newInputStream(modelFile)) {
      byte[] m = in.readNBytes(4);
      return m.length == 4 && m[0] == 'G' && m[1] == 'G' && m[2] == 'U' && m[3] == 'F';
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public LanguageModel open(Path modelFile, Map<String, String> options) {
    for (String k : options.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown --model-arg '" + k + "' for the engine provider; known: " + KEYS);
      }
    }
    ChatTemplate template = options.containsKey("chat_template") ? ChatTemplate.byName(options.get("chat_template"))
        : null; // an unknown name fails before the model loads
    ModelOptions mo = ModelOptions.defaults()
        .withThreads(Integer.parseInt(options.getOrDefault("threads", "0")))
        .withContextLength(Integer.parseInt(options.getOrDefault("ctx", "0")));
    long cache = Long.parseLong(options.getOrDefault("prefix_cache_mb", "256")) << 20;
    Path tokenizer = options.containsKey("tokenizer") ? Path.of(options.get("tokenizer")) : null;
    if (tokenizer == null && Files.isRegularFile(modelFile) && !isGguf(modelFile)) {
      throw new IllegalArgumentException(modelFile + " is a llama2.c checkpoint: pass --model-arg tokenizer=FILE");
    }
    try {
      TextEngine text = TextEngine.load(modelFile, mo, tokenizer, cache);
      boolean bos = Boolean.parseBoolean(options.getOrDefault("bos", "true"));
      return new EngineLanguageModel(text, ModelIdentity.ofFile(modelFile), bos, template);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open model " + modelFile + ": " + e.getMessage(), e);
    }
  }
}
