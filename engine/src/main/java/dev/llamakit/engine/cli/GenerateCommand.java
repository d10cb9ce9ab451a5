package dev.llamakit.engine.cli;

import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.sampling.SamplingParams;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llamakit engine generate}: continues a text prompt, streaming the output. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a continuation of a prompt, streamed to standard output; timings go to standard error.")
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ModelMixin model;
  @Mixin SamplingMixin sampling;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt text (or -f).")
  String prompt;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Read the prompt from FILE (UTF-8; '-' = standard input) instead of -p.")
  Path file;

  @Option(names = "--no-bos", description = "Do not add BOS.")
  boolean noBos;

  @Option(names = "--parse-special", description = "Turn special-token text in the prompt into special tokens.")
  boolean parseSpecial;

  PrintStream out = System.out;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    sampling.check();
    String text = PromptSource.resolve(spec, "-p/--prompt", prompt, file, true, in);
    try (TextEngine t = model.openText()) {
      int[] ids = t.encode(text, !noBos, parseSpecial);
      SamplingParams params = sampling.params(Set.of(), List.of(), t.contextLength());
      TextGeneration r = t.generate(ids, params, piece -> {
        out.print(piece);
        out.flush();
        return true;
      });
      out.println();
      System.err.printf("prompt %d tokens in %.1f ms (%.1f tok/s), generated %d tokens at %.1f tok/s, stop: %s%n",
          r.promptTokens(), r.prefillNanos() / 1e6, r.promptTokens() * 1e9 / Math.max(1, r.prefillNanos()),
          r.tokens().length, r.decodeTokensPerSecond(), r.stopReason());
      return 0;
    }
  }
}
