package dev.llamakit.eval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.eval.engine.EngineLanguageModel;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.ModelIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A minimal OpenAI-compatible server for tests, on the JDK's HTTP server on loopback, answering from llamakit's
 * engine: {@code POST /v1/completions} (echo with real per-token log-probabilities, or generation) and
 * {@code POST /v1/chat/completions} (the messages' contents joined, then generation). Not a product server: it knows
 * only the fields the eval backend sends.
 *
 * <p>Echo: the prompt is encoded with BOS and special-token text parsed; token i's log-probability comes from the engine's next-token distribution
 * after tokens 0..i-1 (null for BOS), {@code top_logprobs} holds the argmax token, {@code text_offset} counts code
 * points of the prompt (the SentencePiece dummy-prefix space is not part of the prompt). A prompt longer than the
 * context window is refused with HTTP 400. Scripted faults ({@link #fail}) answer the next requests before any work.
 */
public final class OpenAiTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One scripted answer: status, body, optional Retry-After seconds (negative: none). */
  public record Fault(int status, String body, int retryAfter) {}

  private final LlamaEngine engine;
  private final Tokenizer tok;
  private final EngineLanguageModel generator;
  private final HttpServer server;
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<JsonNode> received = new ArrayList<>();

  public OpenAiTestServer(LlamaEngine engine, Tokenizer tok) throws IOException {
    this.engine = engine;
    this.tok = tok;
    this.generator = new EngineLanguageModel(engine, tok, new ModelIdentity("test", "0"), true);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/completions", ex -> handle(ex, false));
    server.createContext("/v1/chat/completions", ex -> handle(ex, true));
    server.start();
  }

  /** The API root, {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + "/v1");
  }

  /** The next {@code times} requests get {@code status} and {@code body}. */
  public synchronized OpenAiTestServer fail(int times, int status, String body, int retryAfter) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(status, body, retryAfter));
    }
    return this;
  }

  /** Every request body received, faults included. */
  public synchronized List<JsonNode> received() {
    return List.copyOf(received);
  }

  private synchronized void handle(HttpExchange ex, boolean chat) throws IOException {
    try (ex) {
      JsonNode req = JSON.readTree(ex.getRequestBody());
      received.add(req);
      Fault f = faults.poll();
      if (f != null) {
        if (f.retryAfter() >= 0) {
          ex.getResponseHeaders().add("Retry-After", Integer.toString(f.retryAfter()));
        }
        send(ex, f.status(), f.body());
        return;
      }
      ObjectNode out = JSON.createObjectNode().put("object", chat ? "chat.completion" : "text_completion");
      ArrayNode choices = out.putArray("choices");
      if (chat) {
        StringBuilder prompt = new StringBuilder();
        req.path("messages").forEach(m -> prompt.append(m.path("content").asText()));
        choices.addObject().put("index", 0).putObject("message").put("role", "assistant")
            .put("content", generate(prompt.toString(), req));
      } else {
        List<String> prompts = new ArrayList<>();
        if (req.path("prompt").isArray()) {
          req.path("prompt").forEach(p -> prompts.add(p.asText()));
        } else {
          prompts.add(req.path("prompt").asText());
        }
        for (int i = 0; i < prompts.size(); i++) {
          ObjectNode c = choices.addObject().put("index", i);
          if (req.path("echo").asBoolean(false)) {
            String err = echo(prompts.get(i), req.path("max_tokens").asInt(16), c);
            if (err != null) {
              send(ex, 400, "{\"error\":{\"message\":\"" + err + "\"}}");
              return;
            }
          } else {
            c.put("text", generate(prompts.get(i), req));
          }
        }
      }
      send(ex, 200, JSON.writeValueAsString(out));
    } catch (RuntimeException e) {
      send(ex, 500, "{\"error\":{\"message\":\"" + e.getClass().getSimpleName() + "\"}}");
    }
  }

  private String generate(String prompt, JsonNode req) {
    List<String> stop = new ArrayList<>();
    req.path("stop").forEach(s -> stop.add(s.asText()));
    return generator.generateUntil(List.of(new GenerationRequest(prompt, stop, req.path("max_tokens").asInt(16),
        req.path("temperature").asDouble(1), req.path("top_p").asDouble(1), req.path("seed").asLong(0)))).getFirst();
  }

  /** Fills {@code choice} with the echoed prompt's log-probabilities; an error message when it cannot. */
  private String echo(String prompt, int maxTokens, ObjectNode choice) {
    int[] ids = tok.encode(prompt, true, true); // special-token text becomes the token, as HF-tokenizer servers do
    if (ids.length == 0 || ids[0] != tok.bos()) {
      ids = prepend(tok.bos(), ids);
    }
    if (ids.length + maxTokens > engine.model().contextLength()) {
      return "prompt of " + ids.length + " tokens does not fit the context of " + engine.model().contextLength();
    }
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    texts.add("");
    for (int i = 1; i < ids.length; i++) {
      byte[] b = tok.tokenBytes(ids[i]);
      texts.add(new String(b, StandardCharsets.UTF_8));
      all.writeBytes(b);
    }
    String joined = all.toString(StandardCharsets.UTF_8);
    if (joined.equals(" " + prompt) && texts.size() > 1 && texts.get(1).startsWith(" ")) {
      texts.set(1, texts.get(1).substring(1)); // the SentencePiece dummy prefix is not prompt text
    } else if (!joined.equals(prompt)) {
      return "tokens do not spell the prompt";
    }
    ObjectNode lp = choice.putObject("logprobs");
    ArrayNode tokens = lp.putArray("tokens");
    ArrayNode logprobs = lp.putArray("token_logprobs");
    ArrayNode tops = lp.putArray("top_logprobs");
    ArrayNode offsets = lp.putArray("text_offset");
    int offset = 0;
    int n = ids.length + maxTokens;
    StringBuilder text = new StringBuilder(prompt);
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        tokens.add(texts.getFirst());
        logprobs.addNull();
        tops.addNull();
        offsets.add(0);
        continue;
      }
      double[] dist = engine.nextTokenLogProbs(Arrays.copyOf(ids, Math.min(i, ids.length)));
      int arg = 0;
      for (int v = 1; v < dist.length; v++) {
        if (dist[v] > dist[arg]) {
          arg = v;
        }
      }
      int id = i < ids.length ? ids[i] : arg; // past the prompt: the greedy generated token
      String t = i < ids.length ? texts.get(i) : new String(tok.tokenBytes(id), StandardCharsets.UTF_8);
      tokens.add(t);
      logprobs.add(dist[id]);
      tops.addObject().put(new String(tok.tokenBytes(arg), StandardCharsets.UTF_8), dist[arg]);
      offsets.add(offset);
      offset += t.codePointCount(0, t.length());
      if (i >= ids.length) {
        text.append(t);
      }
    }
    choice.put("text", text.toString());
    return null;
  }

  private static int[] prepend(int first, int[] rest) {
    int[] r = new int[rest.length + 1];
    r[0] = first;
    System.arraycopy(rest, 0, r, 1, rest.length);
    return r;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Serves {@code MODEL.gguf} until killed, for {@code llamakit eval bench --model-api} by hand: prints the API root.
   * Arguments: the model file, and optionally the number of engine threads (default 1).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: OpenAiTestServer MODEL.gguf [THREADS]");
      System.exit(2);
    }
    LlamaEngine engine = LlamaEngine.load(java.nio.file.Path.of(args[0]),
        dev.llamakit.engine.model.ModelOptions.defaults().withThreads(args.length > 1 ? Integer.parseInt(args[1]) : 1));
    OpenAiTestServer s = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()));
    System.out.println(s.baseUrl());
  }
}
