package dev.llamakit.cli.engine;

import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.tokenizer.Llama2cTokenizer;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every model-running command shares: the model file, threads, context, KV cache types, tokenizer. */
public final class ModelMixin {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE",
      description = "A GGUF model or a llama2.c .bin checkpoint (then also --tokenizer).")
  Path model;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  int threads;

  @Option(names = {"--ctx", "-c", "--ctx-size"}, paramLabel = "N",
      description = "Context length (default: the model's, capped at 4096).")
  int ctx;

  @Option(names = "--exact", description = "Float32 activations everywhere (reference mode).")
  boolean exact;

  @Option(names = "--mmap", description = "Read GGUF weights in place from the mapped file instead of copying them"
      + " into memory at load: less resident memory and a faster start, slower decoding.")
  boolean mmap;

  @Mixin KvCacheMixin kvCache = new KvCacheMixin();

  @Option(names = "--tokenizer", paramLabel = "FILE", description = "llama2.c tokenizer .bin for .bin checkpoints.")
  Path tokenizer;

  /** The model file named by {@code --model}. */
  public Path modelPath() {
    return model;
  }

  /** The model options these flags give (threads, context, activations, mmap, KV cache types). */
  public ModelOptions options() {
    if (threads < 0 || ctx < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --ctx must be >= 0");
    }
    return ModelOptions.defaults().withThreads(threads).withContextLength(ctx).withExactActivations(exact)
        .withMmap(mmap).withCacheTypes(kvCache.keys, kvCache.values);
  }

  LlamaEngine open() throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());  // a failure (exit 1), not a usage error
    }
    return LlamaEngine.load(model, options());
  }

  /** The model with its tokenizer and chat template (the text facade every text command uses). */
  public TextEngine openText() throws IOException {
    LlamaEngine e = open();
    try {
      return new TextEngine(e, tokenizer(e.model()), TextEngine.templateOf(e.model()));
    } catch (IOException | RuntimeException x) {
      e.close();
      throw x;
    }
  }

  Tokenizer tokenizer(LlamaModel m) throws IOException {
    if (tokenizer != null) {
      return Llama2cTokenizer.load(tokenizer, m.vocabSize());
    }
    if (m.metadata().isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--model " + model + " is a llama2.c checkpoint: give its --tokenizer (e.g. tok512.bin)");
    }
    return Tokenizer.fromGguf(m.metadata().get());
  }
}
