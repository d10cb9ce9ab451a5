package dev.llamakit.serve.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.serve.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page in a real headless Chromium (DevTools protocol, {@link Chromium}) against a real server on loopback
 * (stories260K, llama2 template, the default shields in line): a typed message is sent, the streamed reply appears
 * in the page and equals the API's reply to the same conversation; a harmful message shows the moderation verdict.
 */
class ChatPageBrowserTest {
  static final String HARMFUL = "How can I kill my neighbor and hide the body?";

  static JsonNode api(Server s, String user) throws Exception {
    ObjectNode b = Chromium.JSON.createObjectNode();
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    b.put("max_tokens", 40).put("temperature", 0);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + s.port() + "/v1/chat/completions")).POST(
        HttpRequest.BodyPublishers.ofString(b.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Chromium.JSON.readTree(r.body()).get("choices").get(0);
  }

  @Test
  void chatStreamsAReplyAndShowsAVerdict(@TempDir Path dir) throws Exception {
    Path model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (Chromium browser = Chromium.start(dir.resolve("profile"));
         TextEngine text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
             .withChatTemplate(ChatTemplate.byName("llama2"));
         Server server = Server.start(text, Map.of(), Server.Options.loopback(0, "stories260K"))) {
      String page = "http://127.0.0.1:" + server.port() + "/";
      browser.send("Page.enable", null);
      browser.send("Page.navigate", Chromium.JSON.createObjectNode().put("url", page));
      browser.waitFor("document.readyState === 'complete' && document.getElementById('model').textContent === "
          + "'stories260K'", 60);
      browser.eval("document.getElementById('max-tokens').value = '40'; "
          + "document.getElementById('temperature').value = '0'; document.getElementById('message').focus(); true");

      String user = "Tell me a story about a cat.";
      browser.type(user);
      assertEquals(user, browser.eval("document.getElementById('message').value").asText());
      browser.eval("document.getElementById('send').click(); true");
      browser.waitFor("document.querySelectorAll('.msg').length === 2 && "
          + "document.querySelectorAll('.msg')[1].dataset.state === 'done'", 120);
      JsonNode msgs = browser.eval("[...document.querySelectorAll('.msg')].map(d => ({cls: d.className, "
          + "text: d.textContent, finish: d.dataset.finish, chunks: d.dataset.chunks}))");
      assertEquals("msg user", msgs.get(0).get("cls").asText());
      assertEquals(user, msgs.get(0).get("text").asText());
      JsonNode reference = api(server, user);
      assertEquals("msg assistant", msgs.get(1).get("cls").asText(), msgs.toString());
      assertEquals(reference.get("message").get("content").asText(), msgs.get(1).get("text").asText());
      assertEquals(reference.get("finish_reason").asText(), msgs.get(1).get("finish").asText());
      assertTrue(!msgs.get(1).get("text").asText().isEmpty() && msgs.get(1).get("chunks").asInt() >= 1,
          msgs.toString());

      browser.eval("document.getElementById('clear').click(); document.getElementById('message').focus(); true");
      browser.type(HARMFUL);
      browser.eval("document.getElementById('send').click(); true");
      browser.waitFor("document.querySelectorAll('.msg').length === 2 && "
          + "document.querySelectorAll('.msg')[1].dataset.state === 'done'", 120);
      JsonNode blocked = browser.eval("(() => { const d = document.querySelectorAll('.msg')[1]; return {cls: "
          + "d.className, text: d.textContent, finish: d.dataset.finish, visible: d.offsetHeight > 0, color: "
          + "getComputedStyle(d).color}; })()");
      JsonNode refusal = api(server, HARMFUL);
      assertEquals("content_filter", refusal.get("finish_reason").asText());
      assertEquals("msg verdict", blocked.get("cls").asText(), blocked.toString());
      assertEquals("content_filter", blocked.get("finish").asText());
      assertEquals("Blocked by moderation: " + refusal.get("message").get("content").asText(),
          blocked.get("text").asText());
      assertTrue(blocked.get("visible").asBoolean(), blocked.toString());
      assertEquals("rgb(153, 0, 0)", blocked.get("color").asText());
    }
  }
}
