package dev.llamakit.cli.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.LogProbs;
import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine logprobs}: the prompt's token ids and, at every position, the top-k next-token
 * log-probabilities (the goldens' layout: ties to the lower id), as one JSON object.
 */
@Command(name = "logprobs", mixinStandardHelpOptions = true,
    description = "Print the prompt ids and the top-k log-probabilities at every position as JSON.")
public final class LogprobsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelMixin model;

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt (BOS is added; or -f).")
  String prompt;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Read the prompt from FILE (UTF-8; '-' = standard input) instead of -p.")
  Path file;

  @Option(names = "--top", paramLabel = "K", description = "Entries per position (default: ${DEFAULT-VALUE}).")
  int top = 20;

  @Option(names = "--parse-special", description = "Turn special-token text into special tokens.")
  boolean parseSpecial;

  PrintStream out = System.out;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    if (top < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1");
    }
    String text = PromptSource.resolve(spec, "-p/--prompt", prompt, file, true, in);
    try (LlamaEngine e = model.open()) {
      LlamaModel m = e.model();
      Tokenizer tok = model.tokenizer(m);
      int[] ids = tok.encode(text, true, parseSpecial);
      int vocab = m.vocabSize();
      InferenceState s = m.newState();
      List<Object> positions = new ArrayList<>();
      for (int b = 0; b < ids.length; b += 64) {
        int end = Math.min(ids.length, b + 64);
        float[] logits = m.forward(s, ids, b, end, b);
        for (int p = b; p < end; p++) {
          double[] lp = LogProbs.logSoftmax(logits, (p - b) * vocab, vocab);
          int[] order = new int[vocab];
          dev.llamakit.engine.sampling.TokenRanking.rank(logits, (p - b) * vocab, vocab, order);
          List<Object[]> t = new ArrayList<>();
          for (int k = 0; k < Math.min(top, vocab); k++) {
            t.add(new Object[] {order[k], lp[order[k]]});
          }
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("pos", p);
          row.put("id", ids[p]);
          row.put("top", t);
          if (p + 1 < ids.length) {
            row.put("next_id", ids[p + 1]);
            row.put("next_logprob", lp[ids[p + 1]]);
          }
          positions.add(row);
        }
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("model", model.model.toString());
      doc.put("ids", ids);
      doc.put("positions", positions);
      out.println(new ObjectMapper().writeValueAsString(doc));
    }
    return 0;
  }
}
