package dev.llamakit.engine.cli;

import dev.llamakit.engine.inference.GenerationResult;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
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
    try (LlamaEngine e = model.open()) {
      Tokenizer tok = model.tokenizer(e.model());
      int[] ids = tok.encode(text, !noBos, parseSpecial);
      Set<Integer> eog = endOfGeneration(tok);
      StreamingDecoder dec = new StreamingDecoder(tok);
      SamplingParams params = sampling.params(eog, List.of(), e.model().contextLength());
      GenerationResult r = e.generate(ids, params, tok::tokenBytes, (id, i) -> {
        if (!eog.contains(id)) {
          out.print(dec.accept(id));
          out.flush();
        }
        return true;
      });
      out.println(dec.flush());
      System.err.printf("prompt %d tokens in %.1f ms (%.1f tok/s), generated %d tokens at %.1f tok/s, stop: %s%n",
          r.promptTokens(), r.prefillNanos() / 1e6, r.promptTokens() * 1e9 / Math.max(1, r.prefillNanos()),
          r.tokens().length, r.decodeTokensPerSecond(), r.stopReason());
      return 0;
    }
  }

  static Set<Integer> endOfGeneration(Tokenizer tok) {
    Set<Integer> s = new HashSet<>();
    for (int i = 0; i < tok.vocabSize(); i++) {
      if (tok.isEndOfGeneration(i)) {
        s.add(i);
      }
    }
    return s;
  }
}
