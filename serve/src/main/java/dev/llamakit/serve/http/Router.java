package dev.llamakit.serve.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.llamakit.serve.metrics.ServerMetrics;
import dev.llamakit.serve.schedule.RequestQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's one handler: exact-path routes per method, the API key check, a request id per request
 * ({@code x-request-id} header), and the rule that every failure becomes an OpenAI error body — an
 * {@link ApiException} with its status, a full queue 429, anything else 500 — so the server never dies of a request.
 * Unknown paths are 404, known paths with another method 405. Every answered request is counted by endpoint and
 * status.
 */
public final class Router implements HttpHandler {
  private record Route(String method, String idPrefix, Endpoint endpoint, boolean open) {}

  private final Map<String, Map<String, Route>> routes = new HashMap<>();
  private final byte[] apiKey;
  private final ServerMetrics metrics;
  private final AtomicLong ids = new AtomicLong();

  /** A router that requires {@code Authorization: Bearer <apiKey>} when {@code apiKey} is not null. */
  public Router(String apiKey, ServerMetrics metrics) {
    this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.metrics = metrics;
  }

  /** Adds a route that needs the API key (when there is one); ids are {@code idPrefix-<n>}. */
  public Router add(String method, String path, String idPrefix, Endpoint e) {
    routes.computeIfAbsent(path, k -> new HashMap<>()).put(method, new Route(method, idPrefix, e, false));
    return this;
  }

  /** Adds a route open without the API key (health checks). */
  public Router addOpen(String method, String path, Endpoint e) {
    routes.computeIfAbsent(path, k -> new HashMap<>()).put(method, new Route(method, "req", e, true));
    return this;
  }

  @Override
  public void handle(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    String endpoint = routes.containsKey(path) ? path : "other";
    try {
      Map<String, Route> byMethod = routes.get(path);
      if (byMethod == null) {
        throw new ApiException(404, "invalid_request_error", null, "unknown_url", "Unknown request URL: "
            + ex.getRequestMethod() + " " + path);
      }
      Route r = byMethod.get(ex.getRequestMethod());
      if (r == null) {
        throw new ApiException(405, "invalid_request_error", null, "method_not_allowed", path + " accepts "
            + byMethod.keySet() + ", not " + ex.getRequestMethod());
      }
      if (!r.open() && !authorized(ex)) {
        throw new ApiException(401, "invalid_request_error", null, "invalid_api_key",
            "Missing or incorrect API key: send it as 'Authorization: Bearer <key>'");
      }
      String rid = r.idPrefix() + "-" + ids.incrementAndGet();
      ex.getResponseHeaders().set("x-request-id", rid);
      r.endpoint().handle(ex, rid);
    } catch (ApiException e) {
      answer(ex, e);
    } catch (RequestQueue.QueueFullException e) {
      answer(ex, new ApiException(429, "rate_limit_error", null, "rate_limit_exceeded", e.getMessage()));
    } catch (Throwable t) {
      System.err.println("llamakit serve: " + ex.getRequestMethod() + " " + path + " failed: " + t);
      if (System.getenv("LLAMAKIT_DEBUG") != null) {
        t.printStackTrace();
      }
      answer(ex, new ApiException(500, "server_error", null, null, "internal error: " + t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage())));
    } finally {
      metrics.request(endpoint, ex.getResponseCode());
      ex.close();
    }
  }

  private boolean authorized(HttpExchange ex) {
    if (apiKey == null) {
      return true;
    }
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(apiKey, h.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the error unless a response was already started (a stream then just ends). */
  private static void answer(HttpExchange ex, ApiException e) {
    if (ex.getResponseCode() != -1) {
      return;
    }
    try {
      Exchanges.sendError(ex, e);
    } catch (Exception ignored) {
      // The client is gone; nothing to tell it.
    }
  }
}
