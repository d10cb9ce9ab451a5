package dev.llamakit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.api.ApiConfig;
import dev.llamakit.eval.api.ApiLanguageModel;
import dev.llamakit.eval.engine.EngineModelProvider;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.serve.Server;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The eval API backend against llamakit's own server ({@code llamakit serve}, started in process on loopback, no
 * shields) on stories260K: several prompts per {@code /v1/completions} request (lm-eval's {@code batch_size} for
 * {@code local-completions}) give the same log-likelihoods and greedy flags as one prompt per request, and as the
 * in-process engine backend, in the number of HTTP requests batching implies.
 */
class ApiBackendOnServeTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void batchedPromptsScoreAsOnePerRequestAndAsTheEngine() throws Exception {
    Path model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    List<LoglikelihoodRequest> reqs = List.of(
        new LoglikelihoodRequest("Once upon a time there was", List.of(" a little girl", " a dog", " Lily")),
        new LoglikelihoodRequest("The cat sat on the", List.of(" mat.", " big red ball")),
        new LoglikelihoodRequest("Tom and Lily went to the park.", List.of(" They played.", " It was sunny and warm.",
            " The end.")));
    List<List<Loglikelihood>> engine;
    try (LanguageModel lm = new EngineModelProvider().open(model, Map.of("threads", "1"))) {
      engine = lm.loglikelihood(reqs);
    }
    try (TextEngine text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null);
        Server server = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null))) {
      ApiConfig base = ApiConfig.of(server.baseUri(), "stories260K");
      for (int batch : new int[] {1, 3, 8}) {
        for (int maxTokens : new int[] {1, 0}) {
          try (ApiLanguageModel api = new ApiLanguageModel(base.withBatch(batch).withEchoMaxTokens(maxTokens), QUIET)) {
            List<List<Loglikelihood>> got = api.loglikelihood(reqs);
            assertEquals((8 + batch - 1) / batch, api.httpRequests(), "8 continuations in batches of " + batch);
            for (int i = 0; i < reqs.size(); i++) {
              for (int j = 0; j < reqs.get(i).continuations().size(); j++) {
                Loglikelihood e = engine.get(i).get(j);
                Loglikelihood a = got.get(i).get(j);
                String where = "batch " + batch + ", max_tokens " + maxTokens + ", request " + i + " continuation " + j;
                assertEquals(e.logprob(), a.logprob(), 1e-4, where);
                assertEquals(e.greedy(), a.greedy(), where);
              }
            }
          }
        }
      }
    }
  }
}
