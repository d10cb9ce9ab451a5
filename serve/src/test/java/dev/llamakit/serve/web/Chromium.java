package dev.llamakit.serve.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the DevTools protocol: the browser started with {@code --remote-debugging-port=0}
 * and a fresh profile, its port read from the profile's {@code DevToolsActivePort}, the page's WebSocket opened with
 * the JDK's {@code java.net.http.WebSocket}, commands sent as JSON with ids and answered by id. No driver binary and
 * no library: the protocol is a few JSON messages.
 *
 * <p>{@link #start} skips the calling test, with a message, when Chromium is absent ({@code /usr/bin/chromium}, or
 * {@code -Dllamakit.chromium=PATH}).
 */
final class Chromium implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--remote-debugging-port=0");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private Chromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /** Starts Chromium on {@code profile} (an empty folder) and attaches to its page; skips the test without it. */
  static Chromium start(Path profile) throws Exception {
    Path exe = Path.of(System.getProperty("llamakit.chromium", "/usr/bin/chromium"));
    assumeTrue(Files.isExecutable(exe), () -> "skipped: Chromium is absent (" + exe + "); install it with "
        + "'apt-get install -y chromium' (.ci/run does) or point -Dllamakit.chromium=PATH at it");
    List<String> cmd = new java.util.ArrayList<>(List.of(exe.toString()));
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.add("about:blank");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("Chromium did not open its DevTools port (alive: " + p.isAlive()
              + "); its output: " + Files.readString(profile.resolveSibling(profile.getFileName() + ".log")));
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      String ws = null;
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          ws = t.get("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (ws == null) {
        throw new IllegalStateException("Chromium has no page target: " + targets);
      }
      Chromium[] self = new Chromium[1];
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(ws), new WebSocket.Listener() {
            final StringBuilder buf = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
              buf.append(data);
              if (last) {
                String msg = buf.toString();
                buf.setLength(0);
                self[0].received(msg);
              }
              w.request(1);
              return null;
            }
          }).get(30, TimeUnit.SECONDS);
      self[0] = new Chromium(p, socket);
      return self[0];
    } catch (Exception | Error e) {
      kill(p);
      throw e;
    }
  }

  private void received(String msg) {
    try {
      JsonNode j = JSON.readTree(msg);
      if (j.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(j.get("id").asInt());
        if (f != null) {
          f.complete(j);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from DevTools: " + msg, e);
    }
  }

  /** Sends a DevTools command and returns its {@code result}; a protocol error fails. */
  JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
    m.set("params", params == null ? JSON.createObjectNode() : params);
    socket.sendText(m.toString(), true).get(30, TimeUnit.SECONDS);
    JsonNode r = f.get(60, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.get("result");
  }

  /** Evaluates a JavaScript expression in the page and returns its value (awaited when it is a promise). */
  JsonNode eval(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Types text into the focused element, as a keyboard's text input does. */
  void type(String text) throws Exception {
    send("Input.insertText", JSON.createObjectNode().put("text", text));
  }

  /** Polls {@code condition} (a JavaScript boolean expression) until it holds; fails after {@code seconds}. */
  void waitFor(String condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!eval("!!(" + condition + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never reached: " + condition + "; page text: "
            + eval("document.body.innerText"));
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    socket.abort();
    kill(process);
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
