package dev.llamakit.cli.engine;

import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.inference.ChunkedPerplexity;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine perplexity}: llama-perplexity's chunked perplexity of a text file
 * ({@link ChunkedPerplexity}), printed as llama.cpp prints it: {@code [1]x.xxxx,[2]...} (the running perplexity after
 * each chunk) and {@code Final estimate: PPL = x.xxxx +/- y.yyyyy}.
 */
@Command(name = "perplexity", mixinStandardHelpOptions = true,
    description = {"Perplexity of a text as llama-perplexity computes it: chunks of --ctx tokens from an empty cache,"
        + " BOS first when the vocabulary adds one, only the second half of each chunk scored.",
        "--ctx is the chunk size (default 512 as llama.cpp, capped at the model's context); the text needs at least"
            + " 2 x ctx tokens."})
public final class PerplexityCommand implements Callable<Integer> {
  /** llama-perplexity's default context. */
  static final int DEFAULT_CHUNK = 512;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelMixin model;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "The text (UTF-8; '-' = standard input).")
  Path file;

  @Option(names = {"-b", "--batch"}, paramLabel = "N",
      description = "Tokens per forward pass (default: the chunk size). Same result, less memory when smaller.")
  int batch;

  @Option(names = "--chunks", paramLabel = "N", description = "Score at most N chunks (default: all).")
  int chunks;

  PrintStream out = System.out;
  PrintStream err = System.err;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    if (batch < 0 || chunks < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch and --chunks must be >= 0");
    }
    if (model.ctx != 0 && model.ctx < 4) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--ctx must be >= 4 for perplexity");
    }
    String text = PromptSource.resolve(spec, "-p", null, "-f/--file", file, true, in);
    if (model.ctx == 0) {
      model.ctx = defaultChunk(model.model).orElse(0);
    }
    try (LlamaEngine e = model.open()) {
      LlamaModel m = e.model();
      int ctx = model.ctx != 0 ? model.ctx : Math.min(DEFAULT_CHUNK, m.contextLength());
      Tokenizer tok = model.tokenizer(m);
      int[] ids = tok.encode(text, true, false);
      if (ids.length < 2 * ctx) {
        throw new IllegalArgumentException("you need at least " + 2 * ctx + " tokens to evaluate perplexity with a"
            + " context of " + ctx + "; " + (PromptSource.isStdin(file) ? PromptSource.STDIN : file)
            + " tokenizes to only " + ids.length + " tokens (give a longer text or a smaller --ctx)");
      }
      int n = ids.length / ctx, scored = Math.min(n, chunks > 0 ? chunks : n);
      err.printf(Locale.ROOT, "perplexity: %d tokens, %d chunks of %d, scoring %d tokens of each (the second half)%n",
          ids.length, scored, ctx, ctx - ctx / 2 - 1);
      ChunkedPerplexity.Result r = ChunkedPerplexity.compute(m, ids, ctx, batch > 0 ? batch : ctx, chunks,
          tok.addsBos() ? tok.bos() : -1, (c, ppl) -> {
            out.printf(Locale.ROOT, "[%d]%.4f,", c, ppl);
            out.flush();
          });
      out.println();
      out.printf(Locale.ROOT, "Final estimate: PPL = %.4f +/- %.5f%n", r.perplexity(), r.uncertainty());
    }
    return 0;
  }

  /** 512, or the context a GGUF declares when it is smaller; empty for other files (their own context is used). */
  static Optional<Integer> defaultChunk(Path model) throws IOException {
    if (!Files.isRegularFile(model)) {
      return Optional.empty();
    }
    try (GgufFile f = GgufFile.open(model)) {
      return Optional.of(f.metadata().keys().stream().filter(k -> k.endsWith(".context_length")).findFirst()
          .map(k -> Math.min(DEFAULT_CHUNK, f.metadata().getInt(k))).orElse(DEFAULT_CHUNK));
    } catch (dev.llamakit.engine.gguf.GgufFormatException notGguf) {
      return Optional.empty();
    }
  }
}
