package dev.llamakit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input and limits: each a clear HTTP error with an OpenAI error body, and the server keeps serving. */
class ServerLimitsTest {
  static TextEngine text;
  static Server server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
        .withChatTemplate(ChatTemplate.byName("llama2"));
    server = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null)
        .withLimits(4096, 0).withBatch(1));
    http = new Http(server, null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      text.close();
    }
  }

  /** Asserts an OpenAI error body with this status (and param when given); returns the message. */
  static String error(Http.Response r, int status, String param) {
    assertEquals(status, r.status(), r.toString());
    JsonNode e = r.json().get("error");
    assertTrue(e.get("message").asText().length() > 10, r.toString());
    assertTrue(e.has("type") && e.has("param") && e.has("code"), r.toString());
    if (param != null) {
      assertEquals(param, e.get("param").asText(), r.toString());
    }
    return e.get("message").asText();
  }

  static ObjectNode completion(int maxTokens) {
    return Http.JSON.createObjectNode().put("prompt", "Once upon a time").put("max_tokens", maxTokens)
        .put("temperature", 0);
  }

  @Test
  void malformedRequestsAreClear400s() throws Exception {
    assertTrue(error(http.post("/v1/completions", "{\"prompt\": \"hi\""), 400, null).contains("not valid JSON"));
    assertTrue(error(http.post("/v1/completions", "[1, 2]"), 400, null).contains("JSON object"));
    assertTrue(error(http.post("/v1/completions", "{\"prompt\": \"hi\"} trailing"), 400, null)
        .contains("not valid JSON"));
    assertTrue(error(http.post("/v1/completions", ""), 400, null).contains("empty"));
    error(http.post("/v1/completions", completion(-5)), 400, "max_tokens");
    error(http.post("/v1/completions", completion(5).put("temperature", 3)), 400, "temperature");
    error(http.post("/v1/completions", completion(5).put("top_p", 0)), 400, "top_p");
    error(http.post("/v1/completions", completion(5).put("n", 2)), 400, "n");
    error(http.post("/v1/completions", completion(5).put("prompt", 42)), 400, "prompt");
    ObjectNode badId = completion(5);
    badId.putArray("prompt").add(1).add(100000);
    assertTrue(error(http.post("/v1/completions", badId), 400, "prompt").contains("outside the vocabulary"));
    error(http.post("/v1/chat/completions", "{\"messages\": []}"), 400, "messages");
    error(http.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}"), 400,
        "messages[0].role");
  }

  @Test
  void unknownModelPathAndMethod() throws Exception {
    Http.Response r = http.post("/v1/completions", completion(5).put("model", "gpt-4"));
    assertTrue(error(r, 404, "model").contains("stories260K"));
    assertEquals("model_not_found", r.json().get("error").get("code").asText());
    error(http.get("/v1/nothing-here"), 404, null);
    error(http.get("/v1/chat/completions"), 405, null);
  }

  @Test
  void contextLimitsAreNamed() throws Exception {
    int ctx = text.contextLength();
    ObjectNode tooLong = completion(5);
    var ids = tooLong.putArray("prompt");
    for (int i = 0; i < ctx + 10; i++) {
      ids.add(300);
    }
    Http.Response r = http.post("/v1/completions", tooLong);
    assertTrue(error(r, 400, "prompt").contains("maximum context length is " + ctx + " tokens"), r.toString());
    assertEquals("context_length_exceeded", r.json().get("error").get("code").asText());
    // An absurd max_tokens is capped at what the context holds.
    JsonNode ok = http.post("/v1/completions", completion(1_000_000_000)).json();
    int prompt = ok.get("usage").get("prompt_tokens").asInt();
    assertTrue(ok.get("usage").get("completion_tokens").asInt() <= ctx - prompt, ok.toString());
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    String big = "{\"prompt\": \"" + "a".repeat(5000) + "\"}";
    assertTrue(error(http.post("/v1/completions", big), 413, null).contains("4096 bytes"));
  }

  /** With no room to wait, a request that finds the model busy is refused at once with 429. */
  @Test
  void aFullQueueIs429() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    Thread busy = Thread.ofVirtual().start(() -> {
      try {
        server.queue().run(() -> {
          running.countDown();
          hold.await();
          return null;
        });
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    running.await();
    Http.Response r = http.post("/v1/completions", completion(3));
    error(r, 429, null);
    assertEquals("rate_limit_exceeded", r.json().get("error").get("code").asText());
    assertTrue(http.get("/metrics").body().contains("llamakit_requests_in_flight 1"));
    hold.countDown();
    busy.join();
    assertEquals(200, http.post("/v1/completions", completion(3)).status());
  }

  /** A client that goes away mid-stream: the server frees the request and keeps serving. */
  @Test
  void aClientThatDisconnectsMidStreamLeavesNothingBehind() throws Exception {
    ObjectNode body = Http.JSON.createObjectNode().put("prompt", "Once upon a time").put("max_tokens", 100000)
        .put("temperature", 0).put("stream", true);
    HttpResponse<InputStream> r = http.client.send(http.request("/v1/completions")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    try (InputStream in = r.body()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      assertTrue(reader.readLine().startsWith("data: "));
    }
    for (int i = 0; i < 500 && server.queue().admitted() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, server.queue().admitted());
    assertEquals(200, http.get("/health").status());
    assertEquals(200, http.post("/v1/completions", completion(3)).status());
  }

  /**
   * A client that is gone when its stream starts (it left while waiting in the queue; a raw socket, so the close is
   * certain to come first): generation stops at the first token and the disconnect is counted.
   */
  @Test
  void aStreamWhoseClientLeftStopsAtOnceAndIsCounted() throws Exception {
    try (Server s = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null)
        .withLimits(4096, 2).withBatch(1))) {
      Http h = new Http(s, null);
      CountDownLatch hold = new CountDownLatch(1);
      CountDownLatch running = new CountDownLatch(1);
      Thread busy = Thread.ofVirtual().start(() -> {
        try {
          s.queue().run(() -> {
            running.countDown();
            hold.await();
            return null;
          });
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      running.await();
      byte[] body = Http.JSON.createObjectNode().put("prompt", "Once upon a time").put("max_tokens", 100000)
          .put("stream", true).toString().getBytes(StandardCharsets.UTF_8);
      try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), s.port())) {
        socket.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + "application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        for (int i = 0; i < 500 && s.queue().depth() == 0; i++) {
          Thread.sleep(10);
        }
        assertEquals(1, s.queue().depth(), "the stream waits behind the held request");
      }
      hold.countDown();
      busy.join();
      String metrics = "";
      for (int i = 0; i < 500 && !metrics.contains("llamakit_client_disconnects_total 1"); i++) {
        Thread.sleep(10);
        metrics = h.get("/metrics").body();
      }
      assertTrue(metrics.contains("llamakit_client_disconnects_total 1"), metrics);
      long generated = metrics.lines().filter(l -> l.startsWith("llamakit_generated_tokens_total "))
          .mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
      assertTrue(generated <= 3, "generation stopped at once, not at the context: " + generated);
      for (int i = 0; i < 500 && s.queue().admitted() > 0; i++) {
        Thread.sleep(10);
      }
      assertEquals(0, s.queue().admitted());
      assertEquals(200, h.post("/v1/completions", completion(3)).status());
    }
  }

  @Test
  void anApiKeyGuardsEveryRouteButHealth() throws Exception {
    try (Server keyed = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null)
        .withApiKey("s3cret"))) {
      Http none = new Http(keyed, null);
      assertEquals("invalid_api_key", none.get("/v1/models").json().get("error").get("code").asText());
      assertEquals(401, none.get("/v1/models").status());
      assertEquals(401, new Http(keyed, "wrong").get("/v1/models").status());
      assertEquals(200, new Http(keyed, "s3cret").get("/v1/models").status());
      assertEquals(200, none.get("/health").status());
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Server.Options("0.0.0.0", 0, "m", null, 1 << 20, 4, null, null, false));
    assertTrue(e.getMessage().contains("needs an API key"), e.getMessage());
  }
}
