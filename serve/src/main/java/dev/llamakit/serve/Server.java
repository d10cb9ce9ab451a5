package dev.llamakit.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.Shields;
import dev.llamakit.safety.moderation.ModerationConfig;
import dev.llamakit.safety.moderation.ModerationFilter;
import dev.llamakit.serve.http.Exchanges;
import dev.llamakit.serve.http.Router;
import dev.llamakit.serve.metrics.ServerMetrics;
import dev.llamakit.serve.moderation.AuditLog;
import dev.llamakit.serve.moderation.InlineModeration;
import dev.llamakit.serve.moderation.Moderations;
import dev.llamakit.serve.moderation.RunShield;
import dev.llamakit.serve.openai.Backend;
import dev.llamakit.serve.openai.ChatCompletions;
import dev.llamakit.serve.openai.Completions;
import dev.llamakit.serve.openai.Models;
import dev.llamakit.serve.schedule.BatchScheduler;
import dev.llamakit.serve.schedule.RequestQueue;
import dev.llamakit.serve.web.ChatPage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The OpenAI-compatible server on one loaded model: the JDK's HTTP server (one virtual thread per request), the
 * bounded FIFO {@link RequestQueue} in front of the engine, continuous batching of the admitted requests
 * ({@link BatchScheduler}), the moderation in line and the routes:
 * {@code POST /v1/chat/completions}, {@code POST /v1/completions}, {@code GET /v1/models},
 * {@code POST /v1/moderations}, {@code POST /v1/safety/run-shield}, {@code GET /health}, {@code GET /metrics}, and
 * the chat page at {@code GET /}.
 *
 * <pre>{@code
 * try (TextEngine text = TextEngine.load(Path.of("model.gguf"), ModelOptions.defaults(), null);
 *      Server s = Server.start(text, Map.of(), Server.Options.loopback(0, "model"))) {
 *   System.out.println(s.baseUri());   // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 */
public final class Server implements AutoCloseable {
  /**
   * How to serve.
   *
   * @param host the address to bind (loopback by default; anything else needs an {@code apiKey})
   * @param port the port (0 = any free one)
   * @param modelId the id clients name the model by
   * @param apiKey required as {@code Authorization: Bearer} on every route but {@code /health}; null = none
   * @param maxBodyBytes largest request body (413 beyond)
   * @param maxWaiting requests that may wait behind the running one (429 beyond)
   * @param moderation the shields in line, or null to generate without shields
   * @param auditLog the moderation audit log (JSONL), or null
   * @param auditText also write the checked text to the audit log
   * @param batch sequences decoded together by continuous batching (1 = one request at a time, no batching)
   */
  public record Options(String host, int port, String modelId, String apiKey, int maxBodyBytes, int maxWaiting,
      ModerationConfig moderation, Path auditLog, boolean auditText, int batch) {
    /** Default sequences per decode step. */
    public static final int DEFAULT_BATCH = 8;

    public Options {
      if (batch < 1 || batch > 256) {
        throw new IllegalArgumentException("batch " + batch + " must be in [1, 256]");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " must be in [0, 65535]");
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("max body " + maxBodyBytes + " bytes: must be at least 1024");
      }
      if (maxWaiting < 0) {
        throw new IllegalArgumentException("max queue " + maxWaiting + " must be >= 0");
      }
      if (apiKey == null && !isLoopback(host)) {
        throw new IllegalArgumentException("binding " + host + " (not loopback) needs an API key (--api-key)");
      }
    }

    /** Options with the default batch size. */
    public Options(String host, int port, String modelId, String apiKey, int maxBodyBytes, int maxWaiting,
        ModerationConfig moderation, Path auditLog, boolean auditText) {
      this(host, port, modelId, apiKey, maxBodyBytes, maxWaiting, moderation, auditLog, auditText, DEFAULT_BATCH);
    }

    /** These options with {@code n} sequences per decode step (1 = no batching). */
    public Options withBatch(int n) {
      return new Options(host, port, modelId, apiKey, maxBodyBytes, maxWaiting, moderation, auditLog, auditText, n);
    }

    /** Loopback, default shields, 1 MiB bodies, 16 waiting requests, no audit log. */
    public static Options loopback(int port, String modelId) {
      return new Options("127.0.0.1", port, modelId, null, 1 << 20, 16, ModerationConfig.defaults(), null, false);
    }

    public Options withModeration(ModerationConfig m) {
      return new Options(host, port, modelId, apiKey, maxBodyBytes, maxWaiting, m, auditLog, auditText, batch);
    }

    public Options withApiKey(String key) {
      return new Options(host, port, modelId, key, maxBodyBytes, maxWaiting, moderation, auditLog, auditText, batch);
    }

    public Options withLimits(int bodyBytes, int waiting) {
      return new Options(host, port, modelId, apiKey, bodyBytes, waiting, moderation, auditLog, auditText, batch);
    }

    public Options withAuditLog(Path file, boolean text) {
      return new Options(host, port, modelId, apiKey, maxBodyBytes, maxWaiting, moderation, file, text, batch);
    }

    static boolean isLoopback(String host) {
      return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
  }

  private final HttpServer http;
  private final ExecutorService threads;
  private final RequestQueue queue;
  private final ServerMetrics metrics;
  private final AuditLog audit;
  private final BatchScheduler scheduler;

  private Server(HttpServer http, ExecutorService threads, RequestQueue queue, ServerMetrics metrics, AuditLog audit,
      BatchScheduler scheduler) {
    this.scheduler = scheduler;
    this.http = http;
    this.threads = threads;
    this.queue = queue;
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * Starts serving {@code text}. {@code extraShields} are shields beyond the built-in ones that the moderation config
   * and run_shield may name by id (e.g. {@code llama-guard} on a loaded guard model).
   */
  public static Server start(TextEngine text, Map<String, Shield> extraShields, Options o) throws IOException {
    RequestQueue queue = new RequestQueue(o.maxWaiting(), o.batch());
    ServerMetrics metrics = new ServerMetrics(queue::depth, queue::admitted);
    BatchScheduler scheduler = new BatchScheduler(text, o.batch(), metrics);
    ModerationFilter.Config inLine = o.moderation() == null ? null : o.moderation().build(extraShields);
    // The moderation endpoints always work: without shields in line they use the default ones.
    ModerationFilter.Config checks = inLine != null ? inLine : ModerationConfig.defaults().build(extraShields);
    AuditLog audit = o.auditLog() == null ? null : AuditLog.open(o.auditLog(), o.auditText());
    InlineModeration moderation = new InlineModeration(inLine, audit, metrics, scheduler);
    InlineModeration recorder = new InlineModeration(checks, audit, metrics);
    Backend b = new Backend(o.modelId(), text, queue, moderation, metrics, o.maxBodyBytes(),
        System.currentTimeMillis() / 1000);
    Map<String, Shield> runnable = new LinkedHashMap<>();
    for (String id : Shields.ids()) {
      runnable.put(id, Shields.byId(id));
    }
    runnable.putAll(extraShields);
    List<Shield> userShields = checks.inputShields().getOrDefault(Role.USER, List.of());
    Models models = new Models(b);
    Router router = new Router(o.apiKey(), metrics)
        .add("POST", ChatCompletions.PATH, "chatcmpl", new ChatCompletions(b))
        .add("POST", Completions.PATH, "cmpl", new Completions(b))
        .add("GET", Models.PATH, "models", models)
        .add("GET", Models.PATH + "/" + o.modelId(), "models", models.one())
        .add("POST", Moderations.PATH, "modr", new Moderations(userShields, recorder, o.maxBodyBytes()))
        .add("POST", RunShield.PATH, "shield", new RunShield(runnable, recorder, o.maxBodyBytes()))
        .add("GET", "/metrics", "metrics", (ex, rid) -> Exchanges.send(ex, 200, "text/plain; version=0.0.4",
            metrics.render().getBytes(StandardCharsets.UTF_8)))
        .addOpen("GET", ChatPage.PATH, new ChatPage())
        .addOpen("GET", "/health", (ex, rid) -> {
          ObjectNode h = Exchanges.JSON.createObjectNode();
          h.put("status", "ok").put("model", o.modelId()).put("queue_depth", queue.depth())
              .put("in_flight", queue.admitted());
          Exchanges.sendJson(ex, 200, h);
        });
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(o.host(), o.port()), 64);
    } catch (IOException | RuntimeException e) {
      scheduler.close();
      throw e;
    }
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(threads);
    http.createContext("/", router);
    http.start();
    return new Server(http, threads, queue, metrics, audit, scheduler);
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The OpenAI base URL ({@code http://host:port/v1}). */
  public URI baseUri() {
    String host = http.getAddress().getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1");
  }

  /** The queue in front of the model. */
  public RequestQueue queue() {
    return queue;
  }

  /** The continuous-batching scheduler on the model. */
  public BatchScheduler scheduler() {
    return scheduler;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** Stops accepting, lets running requests end for up to a second, closes the audit log (not the model). */
  @Override
  public void close() throws IOException {
    http.stop(1);
    threads.shutdownNow();
    scheduler.close();
    if (audit != null) {
      audit.close();
    }
  }
}
