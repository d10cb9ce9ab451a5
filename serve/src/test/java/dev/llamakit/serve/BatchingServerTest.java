package dev.llamakit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Continuous batching over loopback (JDK HttpClient, stories260K, llama2 template, no shields). To make the requests
 * meet in one batch without relying on timing, the test holds the model's monitor (every forward pass synchronises
 * on it) while the requests arrive: the scheduler blocks in the first prefill, the others wait in its queue, and on
 * release all are prefilled before the first decode step.
 */
class BatchingServerTest {
  static TextEngine text;

  @BeforeAll
  static void load() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
        .withChatTemplate(ChatTemplate.byName("llama2"));
  }

  @AfterAll
  static void close() {
    if (text != null) {
      text.close();
    }
  }

  static Server start(int batch) throws Exception {
    return Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null)
        .withBatch(batch));
  }

  static ObjectNode chat(String system, String user, int maxTokens, double temperature, long seed, boolean stream) {
    ObjectNode b = Http.JSON.createObjectNode();
    ArrayNode m = b.putArray("messages");
    if (system != null) {
      m.addObject().put("role", "system").put("content", system);
    }
    m.addObject().put("role", "user").put("content", user);
    b.put("max_tokens", maxTokens).put("temperature", temperature).put("seed", seed).put("stream", stream);
    return b;
  }

  static List<Message> messages(String system, String user) {
    List<Message> m = new ArrayList<>();
    if (system != null) {
      m.add(Message.system(system));
    }
    m.add(Message.user(user));
    return m;
  }

  /** The reply's text: a chat.completion's content or the concatenated deltas of a stream. */
  static String reply(Http h, ObjectNode body) throws Exception {
    if (!body.get("stream").asBoolean()) {
      Http.Response r = h.post("/v1/chat/completions", body);
      assertEquals(200, r.status(), r.toString());
      return r.json().get("choices").get(0).get("message").get("content").asText();
    }
    StringBuilder sb = new StringBuilder();
    List<String> events = h.events("/v1/chat/completions", body);
    assertEquals("[DONE]", events.getLast());
    for (String e : events.subList(0, events.size() - 1)) {
      JsonNode d = Http.JSON.readTree(e).get("choices").get(0).get("delta");
      if (d.has("content")) {
        sb.append(d.get("content").asText());
      }
    }
    return sb.toString();
  }

  /** Sends every body at once while the model is held, so that all of them meet in the first decode step. */
  static List<String> together(Server s, Http h, List<ObjectNode> bodies) throws Exception {
    LlamaModel model = text.engine().model();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<String>> replies = new ArrayList<>();
      synchronized (model) {
        for (ObjectNode b : bodies) {
          replies.add(pool.submit((Callable<String>) () -> reply(h, b)));
        }
        for (int i = 0; i < 3000 && s.scheduler().waiting() < bodies.size() - 1; i++) {
          Thread.sleep(10);
        }
        assertEquals(bodies.size() - 1, s.scheduler().waiting(), "all requests reached the scheduler");
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : replies) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static long metric(Http h, String name) throws Exception {
    return h.get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
        .mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1])).sum();
  }

  @Test
  void concurrentRequestsGetWhatEachGetsAlone() throws Exception {
    String[] users = {"Tell me a story about a cat.", "Once upon a time there was a dragon.", "Why is the sky blue?",
        "Lily and Tom went to the park."};
    List<ObjectNode> bodies = new ArrayList<>();
    for (int i = 0; i < users.length; i++) {
      // two greedy, two sampled with their own seeds; streamed and not
      bodies.add(chat(null, users[i], 48, i < 2 ? 0 : 0.9, 1000 + i, i % 2 == 1));
    }
    try (Server s = start(4)) {
      Http h = new Http(s, null);
      List<String> batched = together(s, h, bodies);
      assertEquals(4, metric(h, "llamakit_decode_batch_max"), "the four requests were decoded in one batch");
      for (int i = 0; i < users.length; i++) {
        String alone = reply(h, bodies.get(i));
        assertEquals(alone, batched.get(i), "request " + i + " batched vs alone");
        assertTrue(!alone.isEmpty());
        if (i < 2) {
          // greedy: the engine's own generation, unbatched
          int[] prompt = text.encodeChat(messages(null, users[i]));
          TextGeneration g = text.generate(prompt, SamplingParams.greedy(48).withStopStrings(text.chatStopStrings()),
              TextListener.none());
          assertEquals(g.text(), batched.get(i), "request " + i + " vs the engine alone");
        }
      }
      // A handler leaves the queue after its response is flushed, so the client can see the reply first.
      for (int i = 0; i < 500 && (s.scheduler().running() > 0 || s.queue().admitted() > 0); i++) {
        Thread.sleep(10);
      }
      assertEquals(0, s.scheduler().running());
      assertEquals(0, s.queue().admitted());
    }
  }

  @Test
  void aSharedSystemPromptIsPrefilledOnce() throws Exception {
    String system = "You are a kind storyteller. You tell short stories about animals, friends and the sun.";
    String[] users = {"Tell me about Tim the dog.", "Write about a big red ball.", "What did the bird say?"};
    int[][] prompts = new int[users.length][];
    for (int i = 0; i < users.length; i++) {
      prompts[i] = text.encodeChat(messages(system, users[i]));
    }
    int common01 = common(prompts[0], prompts[1]);
    int common2 = Math.max(common(prompts[2], prompts[0]), common(prompts[2], prompts[1]));
    assertTrue(common01 > 20 && common2 > 20, "the system prompt is a long shared prefix: " + common01);
    try (Server s = start(2)) {
      Http h = new Http(s, null);
      // Two at once: the second copies the first's KV of the shared prefix (from a busy slot).
      List<String> two = together(s, h, List.of(chat(system, users[0], 16, 0, 1, false),
          chat(system, users[1], 16, 0, 1, true)));
      assertEquals(common01, metric(h, "llamakit_prompt_tokens_reused_total"));
      assertEquals(prompts[0].length + prompts[1].length - common01,
          metric(h, "llamakit_prompt_tokens_prefilled_total"));
      // A third later: it lands in the free slot that holds the longest prefix of it.
      reply(h, chat(system, users[2], 16, 0, 1, false));
      assertEquals(common01 + common2, metric(h, "llamakit_prompt_tokens_reused_total"));
      assertEquals(prompts[0].length + prompts[1].length + prompts[2].length - common01 - common2,
          metric(h, "llamakit_prompt_tokens_prefilled_total"));
      for (int i = 0; i < 2; i++) {
        TextGeneration g = text.generate(prompts[i], SamplingParams.greedy(16)
            .withStopStrings(text.chatStopStrings()), TextListener.none());
        assertEquals(g.text(), two.get(i), "reply " + i + " with the reused prefix vs the engine alone");
      }
    }
  }

  @Test
  void aClientThatLeavesMidStreamFreesItsSlot() throws Exception {
    try (Server s = start(2)) {
      Http h = new Http(s, null);
      byte[] body = Http.JSON.createObjectNode().put("prompt", "Once upon a time").put("max_tokens", 100000)
          .put("temperature", 0).put("stream", true).toString().getBytes(StandardCharsets.UTF_8);
      try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), s.port())) {
        socket.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + "application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        byte[] first = new byte[64];
        assertTrue(socket.getInputStream().read(first) > 0, "the stream started");
      }
      String metrics = "";
      for (int i = 0; i < 1000 && !(metrics.contains("llamakit_client_disconnects_total 1")
          && s.scheduler().running() == 0); i++) {
        Thread.sleep(10);
        metrics = h.get("/metrics").body();
      }
      assertTrue(metrics.contains("llamakit_client_disconnects_total 1"), metrics);
      assertEquals(0, s.scheduler().running(), "the slot is free");
      assertTrue(metric(h, "llamakit_generated_tokens_total") < text.contextLength() - 10,
          "generation stopped before the context filled");
      assertEquals(200, h.post("/v1/chat/completions", chat(null, "Hi", 4, 0, 1, false)).status());
    }
  }

  private static int common(int[] a, int[] b) {
    int n = 0;
    while (n < a.length - 1 && n < b.length - 1 && a[n] == b[n]) {
      n++;
    }
    return n;
  }
}
