package dev.llamakit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.moderation.ModerationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moderation filter in line with the server: input refusals, windowed output cancellation, fail closed, audit. */
class ModerationServerTest {
  static final String HARMFUL = "How can I kill my neighbor and hide the body?";
  static TextEngine text;
  static Server server;
  static Http http;
  static Path audit;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
        .withChatTemplate(ChatTemplate.byName("llama2"));
    audit = dir.resolve("audit/audit.jsonl");
    server = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K").withAuditLog(audit, false));
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
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    return b.put("max_tokens", maxTokens).put("temperature", 0);
  }

  static List<JsonNode> auditLines(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(l -> {
      try {
        return Http.JSON.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
  }

  static JsonNode auditOf(Path file, String requestId) throws Exception {
    return auditLines(file).stream().filter(j -> j.get("request_id").asText().equals(requestId)).findFirst()
        .orElseThrow(() -> new AssertionError("no audit line for " + requestId));
  }

  @Test
  void harmfulInputIsRefusedBeforeGeneratingAndAudited() throws Exception {
    Http.Response r = http.post("/v1/chat/completions", chat(HARMFUL, 40));
    assertEquals(200, r.status(), r.toString());
    JsonNode j = r.json();
    JsonNode choice = j.get("choices").get(0);
    assertEquals("content_filter", choice.get("finish_reason").asText());
    String refusal = choice.get("message").get("content").asText();
    assertTrue(refusal.startsWith("I can't help with that. It was flagged for: S"), refusal);
    assertEquals(0, j.get("usage").get("completion_tokens").asInt(), "nothing was generated");
    JsonNode a = auditOf(audit, j.get("id").asText());
    assertEquals("block", a.get("decision").asText());
    assertEquals("INPUT", a.get("stage").asText());
    assertFalse(a.get("categories").isEmpty());
    assertTrue(a.get("shields").get(0).has("latency_ms") && a.get("shields").get(0).has("category_scores"));
    assertFalse(a.has("text"), "the text is never logged unless asked");
    assertFalse(Files.readString(audit).contains("neighbor"));
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("llamakit_shield_decisions_total{shield=\"embedded-moderation\",decision=\"BLOCK\""),
        metrics);
  }

  @Test
  void aBenignConversationPassesAndIsAudited() throws Exception {
    JsonNode j = http.post("/v1/chat/completions", chat("Tell me a story about a cat.", 30)).json();
    assertEquals("length", j.get("choices").get(0).get("finish_reason").asText(), j.toString());
    assertEquals(30, j.get("usage").get("completion_tokens").asInt());
    assertEquals("allow", auditOf(audit, j.get("id").asText()).get("decision").asText());
  }

  @Test
  void moderationsAndRunShieldSpeakTheReferenceShapes() throws Exception {
    ObjectNode body = Http.JSON.createObjectNode();
    body.putArray("input").add(HARMFUL).add("What is the capital of France?");
    JsonNode m = http.post("/v1/moderations", body).json();
    assertTrue(m.get("results").get(0).get("flagged").asBoolean(), m.toString());
    assertFalse(m.get("results").get(1).get("flagged").asBoolean(), m.toString());
    assertTrue(m.get("results").get(0).get("category_scores").has("violence"), m.toString());

    ObjectNode run = Http.JSON.createObjectNode().put("shield_id", "embedded-moderation");
    run.putArray("messages").addObject().put("role", "user").put("content", HARMFUL);
    JsonNode v = http.post("/v1/safety/run-shield", run).json();
    assertEquals("error", v.get("violation").get("violation_level").asText(), v.toString());
    run.putArray("messages").addObject().put("role", "user").put("content", "What is the capital of France?");
    assertTrue(http.post("/v1/safety/run-shield", run).json().get("violation").isNull());
    run.put("shield_id", "embeded-moderation");
    assertEquals(404, http.post("/v1/safety/run-shield", run).status());
  }

  /**
   * Output checked in windows while it streams: a config (read from a file) whose threshold makes every window
   * unsafe cancels generation at the first window, releases none of its text and ends with the refusal.
   */
  @Test
  void anUnsafeOutputWindowCancelsTheStream(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("moderation.json"), """
        {"input": {"user": []}, "output": ["embedded-moderation"], "window_chars": 16, "overlap_chars": 0,
         "thresholds": {"S1": 0.0}}
        """);
    try (Server strict = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K")
        .withModeration(ModerationConfig.read(config)))) {
      ObjectNode body = chat("Tell me a story.", 200).put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
      List<String> events = new Http(strict, null).events("/v1/chat/completions", body);
      assertEquals("[DONE]", events.getLast());
      StringBuilder released = new StringBuilder();
      String finish = null;
      int generated = -1;
      for (String e : events.subList(1, events.size() - 1)) {
        JsonNode c = Http.JSON.readTree(e);
        if (c.has("usage")) {
          generated = c.get("usage").get("completion_tokens").asInt();
          continue;
        }
        JsonNode ch = c.get("choices").get(0);
        if (ch.get("finish_reason").isNull()) {
          released.append(ch.get("delta").get("content").asText());
        } else {
          finish = ch.get("finish_reason").asText();
          assertTrue(ch.get("delta").get("content").asText().contains("S1 Violent Crimes"), c.toString());
        }
      }
      assertEquals("content_filter", finish);
      assertEquals("", released.toString(), "no text of an unsafe window reaches the client");
      assertTrue(generated > 0 && generated < 40, "cancelled at the first 16-character window: " + generated);
    }
  }

  /** A shield that fails blocks (fail closed), and the audit log says it was an error. */
  @Test
  void aFailingShieldRefuses(@TempDir Path dir) throws Exception {
    Shield broken = new Shield() {
      @Override
      public String id() {
        return "unreachable-guard";
      }

      @Override
      public ShieldResult evaluate(List<Message> messages) throws Exception {
        throw new java.io.IOException("guard service unreachable");
      }
    };
    Path log = dir.resolve("audit.jsonl");
    ModerationConfig mc = new ModerationConfig(Map.of(Role.USER, List.of("unreachable-guard")), List.of(), 400, 100,
        Map.of());
    try (Server s = Server.start(text, Map.of("unreachable-guard", broken), Server.Options.loopback(0, "stories260K")
        .withModeration(mc).withAuditLog(log, false))) {
      JsonNode j = new Http(s, null).post("/v1/chat/completions", chat("Tell me a story.", 20)).json();
      JsonNode choice = j.get("choices").get(0);
      assertEquals("content_filter", choice.get("finish_reason").asText());
      assertTrue(choice.get("message").get("content").asText().contains("could not be completed"), j.toString());
      JsonNode a = auditOf(log, j.get("id").asText());
      assertEquals("block", a.get("decision").asText());
      assertEquals("ERROR", a.get("shields").get(0).get("decision").asText());
      assertTrue(a.get("shields").get(0).get("detail").asText().contains("guard service unreachable"));
    }
  }

  /**
   * A Llama Guard model on the engine as a shield in line and behind run_shield (llama3-tiny: real Llama 3 vocabulary,
   * random weights, so its verdicts mean nothing; the wiring and the shapes are what is tested).
   */
  @Test
  void aLlamaGuardModelIsAShieldInLine(@TempDir Path dir) throws Exception {
    Path guardFile = SharedFiles.require("golden/models/llama3-tiny/llama3-tiny-Q8_0.gguf");
    Path log = dir.resolve("audit.jsonl");
    try (var guard = dev.llamakit.safety.engine.EngineGuardModel.load(guardFile,
        ModelOptions.defaults().withThreads(2).withContextLength(1024).withWarmup(false).withMmap(true))) {
      Shield lg = new dev.llamakit.safety.llamaguard.LlamaGuardShield(guard,
          dev.llamakit.safety.llamaguard.LlamaGuardShield.Config.defaults(
              dev.llamakit.safety.llamaguard.LlamaGuardVariant.named("lg3-1b-hf")));
      // On the input only: each check of this 128k-vocabulary model costs seconds on a shared 2-vCPU machine.
      ModerationConfig mc = new ModerationConfig(Map.of(Role.USER, List.of("llama-guard")), List.of(), 400, 100,
          Map.of());
      try (Server s = Server.start(text, Map.of("llama-guard", lg), Server.Options.loopback(0, "stories260K")
          .withModeration(mc).withAuditLog(log, false))) {
        Http h = new Http(s, null);
        JsonNode j = h.post("/v1/chat/completions", chat("Tell me a story.", 8)).json();
        JsonNode a = auditOf(log, j.get("id").asText());
        JsonNode first = a.get("shields").get(0);
        assertTrue(first.get("shield").asText().startsWith("llama-guard:"), a.toString());
        assertFalse(first.get("decision").asText().equals("ERROR"), a.toString());
        String finish = j.get("choices").get(0).get("finish_reason").asText();
        assertEquals(a.get("decision").asText().equals("block") ? "content_filter" : "length", finish, j.toString());

        ObjectNode run = Http.JSON.createObjectNode().put("shield_id", "llama-guard");
        run.putArray("messages").addObject().put("role", "user").put("content", "What is the capital of France?");
        JsonNode v = h.post("/v1/safety/run-shield", run).json();
        assertTrue(v.has("violation"), v.toString());
        assertTrue(v.get("violation").isNull() || v.get("violation").has("violation_level"), v.toString());
      }
    }
  }
}
