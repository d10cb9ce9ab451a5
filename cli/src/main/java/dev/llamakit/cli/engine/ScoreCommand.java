package dev.llamakit.cli.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.ScoredContinuation;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine score}: log-likelihood of continuations after a context, tokenized as
 * lm-evaluation-harness does ({@code ctx = tok(C)}, {@code whole = tok(C + X)}, continuation = the suffix of
 * {@code whole} after {@code ctx}; when {@code whole} does not start with {@code ctx}, X is tokenized alone without
 * BOS). One JSON object per line.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Print the log-likelihood of each --continuation after --context as JSON lines.")
public final class ScoreCommand implements Callable<Integer> {
  @Mixin ModelMixin model;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-p", "--context"}, paramLabel = "TEXT", description = "The context text (BOS is added; or -f).")
  String context;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Read the context from FILE (UTF-8; '-' = standard input) instead of -p/--context.")
  Path file;

  @Option(names = "--continuation", required = true, paramLabel = "TEXT", description = "A continuation (repeatable).")
  List<String> continuations;

  PrintStream out = System.out;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String text = PromptSource.resolve(spec, "-p/--context", context, file, true, in);
    try (LlamaEngine e = model.open()) {
      Tokenizer tok = model.tokenizer(e.model());
      int[] ctx = tok.encode(text, true, false);
      for (String c : continuations) {
        int[] cont = continuationIds(tok, ctx, text, c);
        ScoredContinuation s = e.loglikelihood(ctx, cont);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("continuation", c);
        row.put("cont_ids", cont);
        row.put("sum_logprob", s.sumLogprob());
        row.put("token_logprobs", s.tokenLogprobs());
        row.put("is_greedy", s.isGreedy());
        row.put("mean_logprob_per_token", s.meanLogprobPerToken());
        row.put("logprob_per_char", s.logprobPerChar(c.length()));
        out.println(json.writeValueAsString(row));
      }
    }
    return 0;
  }

  static int[] continuationIds(Tokenizer tok, int[] ctx, String context, String continuation) {
    return dev.llamakit.engine.inference.TextEngine.continuationIds(tok, ctx, context, continuation);
  }
}
