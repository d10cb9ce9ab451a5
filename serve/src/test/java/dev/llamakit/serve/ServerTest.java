package dev.llamakit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.ScoredContinuation;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI endpoints over loopback with the JDK HttpClient, on stories260K (llama2 chat template) without shields
 * (the shields in line are {@link ModerationServerTest}'s); replies are compared with the engine's own generation of
 * the same prompt.
 */
class ServerTest {
  static TextEngine text;
  static Server server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
        .withChatTemplate(ChatTemplate.byName("llama2"));
    server = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withModeration(null));
    http = new Http(server, null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      text.close();
    }
  }

  static ObjectNode chat(String user, int maxTokens) {
    ObjectNode b = Http.JSON.createObjectNode();
    b.put("model", "stories260K");
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    b.put("max_tokens", maxTokens);
    b.put("temperature", 0);
    return b;
  }

  /** What the engine itself replies (greedy, the template's stops). */
  static TextGeneration reference(String user, int maxTokens) {
    int[] prompt = text.encodeChat(List.of(Message.user(user)));
    return text.generate(prompt, SamplingParams.greedy(maxTokens).withStopStrings(text.chatStopStrings()),
        TextListener.none());
  }

  @Test
  void modelsAndHealth() throws Exception {
    JsonNode m = http.get("/v1/models").json();
    assertEquals("list", m.get("object").asText());
    assertEquals("stories260K", m.get("data").get(0).get("id").asText());
    assertEquals(text.contextLength(), m.get("data").get(0).get("context_length").asInt());
    assertEquals(m.get("data").get(0), http.get("/v1/models/stories260K").json());
    assertEquals(404, http.get("/v1/models/gpt-4").status());
    Http.Response h = http.get("/health");
    assertEquals(200, h.status());
    assertEquals("ok", h.json().get("status").asText());
  }

  @Test
  void chatCompletionIsTheEnginesReply() throws Exception {
    Http.Response r = http.post("/v1/chat/completions", chat("Tell me a story.", 40));
    assertEquals(200, r.status(), r.toString());
    JsonNode j = r.json();
    assertEquals("chat.completion", j.get("object").asText());
    TextGeneration ref = reference("Tell me a story.", 40);
    JsonNode choice = j.get("choices").get(0);
    assertEquals(ref.text(), choice.get("message").get("content").asText());
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertEquals("length", choice.get("finish_reason").asText());
    assertEquals(ref.promptTokens(), j.get("usage").get("prompt_tokens").asInt());
    assertEquals(40, j.get("usage").get("completion_tokens").asInt());
    assertTrue(j.get("id").asText().startsWith("chatcmpl-"));
  }

  @Test
  void streamedChatIsTheSameReplyAsServerSentEvents() throws Exception {
    ObjectNode body = chat("Tell me a story.", 40).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    List<String> events = http.events("/v1/chat/completions", body);
    assertEquals("[DONE]", events.getLast());
    JsonNode first = Http.JSON.readTree(events.getFirst());
    assertEquals("assistant", first.get("choices").get(0).get("delta").get("role").asText());
    StringBuilder content = new StringBuilder();
    String finish = null;
    JsonNode usage = null;
    for (String e : events.subList(0, events.size() - 1)) {
      JsonNode c = Http.JSON.readTree(e);
      assertEquals("chat.completion.chunk", c.get("object").asText());
      if (c.has("usage")) {
        usage = c.get("usage");
        continue;
      }
      JsonNode ch = c.get("choices").get(0);
      content.append(ch.get("delta").path("content").asText(""));
      if (!ch.get("finish_reason").isNull()) {
        finish = ch.get("finish_reason").asText();
      }
    }
    assertEquals(reference("Tell me a story.", 40).text(), content.toString());
    assertEquals("length", finish);
    assertEquals(40, usage.get("completion_tokens").asInt());
  }

  @Test
  void chatLogprobsAreTheModelsAndTopListsAreOrdered() throws Exception {
    ObjectNode body = chat("Tell me a story.", 8).put("logprobs", true).put("top_logprobs", 3);
    JsonNode j = http.post("/v1/chat/completions", body).json();
    JsonNode content = j.get("choices").get(0).get("logprobs").get("content");
    assertEquals(8, content.size());
    for (JsonNode t : content) {
      JsonNode top = t.get("top_logprobs");
      assertEquals(3, top.size());
      // Greedy: the chosen token is the most likely one.
      assertEquals(top.get(0).get("logprob").asDouble(), t.get("logprob").asDouble(), 1e-9);
      assertTrue(top.get(0).get("logprob").asDouble() >= top.get(1).get("logprob").asDouble());
      assertTrue(t.get("bytes").isArray());
    }
  }

  /** What lm-evaluation-harness's local-completions sends to score a continuation: ids, echo, logprobs, 1 token. */
  @Test
  void echoWithLogprobsScoresTheContinuationAsTheEngineDoes() throws Exception {
    String context = "Once upon a time there was";
    String cont = " a little girl named Lily.";
    int[] ctx = text.encode(context, true, false);
    int[] c = TextEngine.continuationIds(text.tokenizer(), ctx, context, cont);
    ObjectNode body = Http.JSON.createObjectNode();
    var prompt = body.putArray("prompt").addArray();
    for (int id : ctx) {
      prompt.add(id);
    }
    for (int id : c) {
      prompt.add(id);
    }
    body.put("max_tokens", 1).put("echo", true).put("logprobs", 1).put("temperature", 0).put("seed", 1234);
    Http.Response r = http.post("/v1/completions", body);
    assertEquals(200, r.status(), r.toString());
    JsonNode lp = r.json().get("choices").get(0).get("logprobs");
    JsonNode tl = lp.get("token_logprobs");
    assertEquals(ctx.length + c.length + 1, tl.size(), "every prompt token and the generated one");
    assertTrue(tl.get(0).isNull());
    double sum = 0;
    boolean greedy = true;
    for (int i = ctx.length; i < ctx.length + c.length; i++) {
      sum += tl.get(i).asDouble();
      double best = Double.NEGATIVE_INFINITY;
      for (var e : lp.get("top_logprobs").get(i).properties()) {
        best = Math.max(best, e.getValue().asDouble());
      }
      greedy &= tl.get(i).asDouble() == best;
    }
    ScoredContinuation s = text.loglikelihood(context, cont);
    assertEquals(s.sumLogprob(), sum, 1e-5 * c.length);
    assertEquals(s.isGreedy(), greedy);
    assertEquals(ctx.length + c.length + 1, lp.get("tokens").size());
    assertEquals(ctx.length + c.length + 1, lp.get("text_offset").size());
  }

  @Test
  void completionWithAStopStringStopsBeforeIt() throws Exception {
    String prompt = "Once upon a time";
    String all = text.generate(text.encode(prompt, true, false), SamplingParams.greedy(40), TextListener.none())
        .text();
    String stop = all.substring(15, 19);
    ObjectNode body = Http.JSON.createObjectNode().put("prompt", prompt).put("max_tokens", 40).put("temperature", 0);
    body.putArray("stop").add(stop);
    JsonNode j = http.post("/v1/completions", body).json();
    JsonNode choice = j.get("choices").get(0);
    assertEquals(all.substring(0, all.indexOf(stop)), choice.get("text").asText());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertTrue(choice.get("logprobs").isNull());
    ObjectNode echo = body.deepCopy().put("echo", true);
    assertEquals(prompt + choice.get("text").asText(),
        http.post("/v1/completions", echo).json().get("choices").get(0).get("text").asText());
  }

  @Test
  void severalPromptsGiveOneChoiceEachInOrder() throws Exception {
    ObjectNode body = Http.JSON.createObjectNode().put("max_tokens", 5).put("temperature", 0);
    body.putArray("prompt").add("Once upon a time").add("The cat");
    JsonNode choices = http.post("/v1/completions", body).json().get("choices");
    assertEquals(2, choices.size());
    for (int i = 0; i < 2; i++) {
      String p = i == 0 ? "Once upon a time" : "The cat";
      assertEquals(i, choices.get(i).get("index").asInt());
      assertEquals(text.generate(text.encode(p, true, false), SamplingParams.greedy(5), TextListener.none()).text(),
          choices.get(i).get("text").asText());
    }
  }

  /** Concurrent clients are served one after another (FIFO queue) and each gets exactly its own reply. */
  @Test
  void concurrentRequestsEachGetTheirOwnReply() throws Exception {
    String[] users = {"Tell me a story.", "Who is Lily?", "What did the dog do?", "Sing a song."};
    List<String> want = new ArrayList<>();
    for (String u : users) {
      want.add(reference(u, 30).text());
    }
    ExecutorService pool = Executors.newFixedThreadPool(users.length);
    try {
      List<Future<Http.Response>> got = new ArrayList<>();
      for (String u : users) {
        got.add(pool.submit(() -> http.post("/v1/chat/completions", chat(u, 30))));
      }
      for (int i = 0; i < users.length; i++) {
        Http.Response r = got.get(i).get();
        assertEquals(200, r.status(), r.toString());
        assertEquals(want.get(i), r.json().get("choices").get(0).get("message").get("content").asText());
      }
    } finally {
      pool.shutdown();
    }
    // The last reply is sent from inside its turn: the turn ends just after.
    for (int i = 0; i < 500 && server.queue().admitted() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, server.queue().admitted());
  }

  @Test
  void sampledRepliesRepeatWithTheSameSeed() throws Exception {
    ObjectNode body = chat("Tell me a story.", 30).put("temperature", 0.9).put("top_p", 0.9).put("seed", 7);
    String a = http.post("/v1/chat/completions", body).json().get("choices").get(0).get("message").get("content")
        .asText();
    String b = http.post("/v1/chat/completions", body).json().get("choices").get(0).get("message").get("content")
        .asText();
    assertEquals(a, b);
    assertFalse(a.isEmpty());
  }
}
