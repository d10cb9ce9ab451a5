package dev.llamakit.eval.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.eval.engine.EngineModelProvider;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.testing.OpenAiTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API backend against a real OpenAI-compatible HTTP server on loopback that answers from llamakit's engine on
 * stories260K: its scores must equal the in-process engine backend's on the same model.
 */
class ApiLanguageModelTest {
  static final List<LoglikelihoodRequest> REQUESTS = List.of(
      new LoglikelihoodRequest("Once upon a time, there was a little", List.of(" girl", " dog named Tim", " tree")),
      new LoglikelihoodRequest("Lily wanted to play with her", List.of(" friend", " ball.", " mom and dad")),
      new LoglikelihoodRequest("Question: Where do fish live?\nAnswer:", List.of(" water", " sky")));

  static LlamaEngine engine;
  static OpenAiTestServer server;
  static LanguageModel local;

  @BeforeAll
  static void start() throws Exception {
    Path m = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    engine = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1));
    server = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()));
    local = new EngineModelProvider().open(m, Map.of("threads", "1"));
  }

  @AfterAll
  static void stop() {
    OPENED.forEach(ApiLanguageModel::close);
    if (server != null) {
      server.close();
      engine.close();
      local.close();
    }
  }

  static ApiConfig config() {
    return ApiConfig.of(server.baseUrl(), "stories260K")
        .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50));
  }

  static final List<ApiLanguageModel> OPENED = new java.util.ArrayList<>();

  static ApiLanguageModel api(ApiConfig c) {
    ApiLanguageModel m = new ApiLanguageModel(c, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    OPENED.add(m);
    return m;
  }

  @Test
  void echoedLoglikelihoodsEqualTheEngineBackends() {
    List<List<Loglikelihood>> want = local.loglikelihood(REQUESTS);
    for (ApiConfig c : List.of(config(), config().withBatch(4), config().withBatch(2).withConcurrent(3),
        config().withEchoMaxTokens(0).withBatch(8))) {
      ApiLanguageModel api = api(c);
      List<List<Loglikelihood>> got = api.loglikelihood(REQUESTS);
      assertEquals(want.size(), got.size());
      for (int i = 0; i < want.size(); i++) {
        for (int j = 0; j < want.get(i).size(); j++) {
          String what = REQUESTS.get(i).continuations().get(j) + " with batch " + c.batch() + ", max_tokens "
              + c.echoMaxTokens();
          assertEquals(want.get(i).get(j).logprob(), got.get(i).get(j).logprob(), 1e-4, what);
          assertEquals(want.get(i).get(j).greedy(), got.get(i).get(j).greedy(), what);
          assertTrue(got.get(i).get(j).logprob() < 0, what);
        }
      }
      int pairs = REQUESTS.stream().mapToInt(r -> r.continuations().size()).sum();
      assertEquals((pairs + c.batch() - 1) / c.batch(), api.httpRequests(), "prompts per HTTP request");
    }
    JsonNode last = server.received().getLast();
    assertTrue(last.get("echo").asBoolean() && last.get("logprobs").asInt() == 1 && last.get("max_tokens").asInt() == 0
        && last.get("temperature").asDouble() == 0, last.toString());
  }

  @Test
  void rollingLoglikelihoodEqualsTheEngineBackends() {
    List<String> texts = List.of("Once upon a time there was a cat.", "The sun was warm and the birds sang.");
    List<Double> want = local.loglikelihoodRolling(texts);
    List<Double> got = api(config().withBatch(2)).loglikelihoodRolling(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(want.get(i), got.get(i), 1e-4, texts.get(i));
    }
  }

  @Test
  void generationOnCompletionsAndChatEqualsTheEngineBackends() {
    GenerationRequest greedy = new GenerationRequest("Once upon a time", List.of("."), 40, 0, 1, 0);
    GenerationRequest sampled = new GenerationRequest("Tom had a red", List.of("\n"), 24, 0.8, 0.9, 42);
    List<String> want = local.generateUntil(List.of(greedy, sampled));
    assertFalse(want.getFirst().isEmpty());
    assertEquals(want, api(config()).generateUntil(List.of(greedy, sampled)));
    assertEquals(want, api(config().withConcurrent(2)).generateUntil(List.of(greedy, sampled)), "answers in order");
    assertEquals(want, api(config().withChat(true)).generateUntil(List.of(greedy, sampled)));
    JsonNode chat = server.received().getLast();
    assertEquals("user", chat.at("/messages/0/role").asText());
    assertEquals(sampled.seed(), chat.get("seed").asLong());
  }

  @Test
  void retriesA503AndA429ThenSucceeds() {
    List<List<Loglikelihood>> want = local.loglikelihood(REQUESTS.subList(0, 1));
    ApiLanguageModel api = api(config().withBatch(3));
    server.fail(1, 503, "{\"error\":\"loading\"}", -1).fail(1, 429, "{\"error\":\"slow down\"}", 0);
    List<List<Loglikelihood>> got = api.loglikelihood(REQUESTS.subList(0, 1));
    assertEquals(2, api.retries());
    assertEquals(want.getFirst().getFirst().logprob(), got.getFirst().getFirst().logprob(), 1e-4);
  }

  @Test
  void failuresNameTheUrlInOneLine() throws Exception {
    URI completions = server.baseUrl().resolve("/v1/completions");
    ApiLanguageModel api = api(config());
    server.fail(1, 400, "{\"error\":{\"message\":\"unknown model\"}}", -1);
    ApiException bad = assertThrows(ApiException.class, () -> api.loglikelihood(REQUESTS));
    assertEquals("POST " + completions + ": HTTP 400: {\"error\":{\"message\":\"unknown model\"}}", bad.getMessage());
    assertEquals(0, api.retries(), "a 4xx other than 429 is not retried");

    server.fail(1, 200, "{\"choices\": [", -1);
    ApiException malformed = assertThrows(ApiException.class, () -> api.loglikelihood(REQUESTS));
    assertTrue(malformed.getMessage().startsWith("POST " + completions + ": malformed JSON in the answer"),
        malformed.getMessage());

    server.fail(3, 500, "boom", -1);
    ApiException down = assertThrows(ApiException.class, () -> api.loglikelihood(REQUESTS));
    assertEquals("POST " + completions + ": HTTP 500: boom (after 3 attempts)", down.getMessage());

    server.fail(1, 400, "{\"error\":\"bad\"}", -1);
    ApiException parallel = assertThrows(ApiException.class,
        () -> api(config().withConcurrent(4)).loglikelihood(REQUESTS));
    assertTrue(parallel.getMessage().startsWith("POST " + completions + ": HTTP 400"), parallel.getMessage());

    server.fail(1, 200, "{\"choices\":[{\"index\":0,\"text\":\"x\"}]}", -1);
    ApiException noEcho = assertThrows(ApiException.class, () -> api.loglikelihood(REQUESTS));
    assertTrue(noEcho.getMessage().contains("echo: true"), noEcho.getMessage());

    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed when the block ends: nothing listens there
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/v1");
    ApiLanguageModel nobody = api(ApiConfig.of(closed, "m").withRetries(2, Duration.ofMillis(5), Duration.ofMillis(5)));
    ApiException refused = assertThrows(ApiException.class, () -> nobody.loglikelihood(REQUESTS));
    assertEquals("POST " + closed + "/completions: connection refused (after 2 attempts)", refused.getMessage());
    for (ApiException e : List.of(bad, malformed, down, noEcho, refused)) {
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void backoffFollowsLmEvalsExponentialWaitAndRetryAfter() {
    try (ApiClient c = new ApiClient(ApiConfig.of(URI.create("http://127.0.0.1:1/v1"), "m"), System.err)) {
      assertEquals(Duration.ofSeconds(1), c.backoff(1, java.util.OptionalLong.empty()));
      assertEquals(Duration.ofSeconds(2), c.backoff(3, java.util.OptionalLong.empty()));
      assertEquals(Duration.ofSeconds(8), c.backoff(5, java.util.OptionalLong.empty()));
      assertEquals(Duration.ofSeconds(10), c.backoff(9, java.util.OptionalLong.empty()));
      assertEquals(Duration.ofSeconds(7), c.backoff(1, java.util.OptionalLong.of(7)));
      assertEquals(Duration.ofSeconds(10), c.backoff(1, java.util.OptionalLong.of(600)));
    }
  }
}
