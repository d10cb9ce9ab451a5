package dev.llamakit.eval.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * POSTs JSON to a model server and returns the parsed answer, retrying as lm-eval's API models do.
 *
 * <p>HTTP 429 and 5xx answers and transport failures (a refused or reset connection, a timeout) are retried up to
 * {@link ApiConfig#attempts()} tries in all, waiting {@code min(max(0.5 s * 2^(try-1), minBackoff), maxBackoff)}
 * between tries (tenacity's {@code wait_exponential(multiplier=0.5, min=1, max=10)}), or the server's
 * {@code Retry-After} seconds when longer (still capped). Any other 4xx and a body that is not JSON fail at once.
 * Every failure is an {@link ApiException} whose one-line message names the URL. Safe for concurrent calls.
 */
public final class ApiClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEEP_BODY = 300;

  private final ApiConfig config;
  private final HttpClient http;
  private final PrintStream log;
  private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

  public ApiClient(ApiConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
    // HTTP/1.1: no h2c upgrade offer on plain-http POSTs, which some model servers mishandle
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout()).build();
  }

  /** Retries made so far (for reports and tests). */
  public long retries() {
    return retries.get();
  }

  /** Sends {@code body} to {@code url}; the parsed JSON answer of the first successful try. */
  public JsonNode post(URI url, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(config.timeout())
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (config.apiKey() != null) {
      rb.header("Authorization", "Bearer " + config.apiKey());
    }
    HttpRequest req = rb.build();
    for (int attempt = 1; ; attempt++) {
      String failure;
      OptionalLong retryAfter = OptionalLong.empty();
      try {
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int code = resp.statusCode();
        if (code / 100 == 2) {
          return parse(url, resp.body());
        }
        failure = "HTTP " + code + ": " + excerpt(resp.body());
        if (code != 429 && code < 500) {
          throw new ApiException("POST " + url + ": " + failure);
        }
        retryAfter = resp.headers().firstValue("Retry-After").map(ApiClient::seconds).orElse(OptionalLong.empty());
      } catch (ConnectException e) {
        failure = "connection refused";
      } catch (HttpTimeoutException e) {
        failure = "no answer within " + config.timeout().toSeconds() + " s";
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException("POST " + url + ": interrupted", e);
      }
      if (attempt >= config.attempts()) {
        throw new ApiException("POST " + url + ": " + failure + " (after " + attempt + " attempt"
            + (attempt == 1 ? "" : "s") + ")");
      }
      Duration wait = backoff(attempt, retryAfter);
      log.println("warning: POST " + url + ": " + failure + "; retry " + attempt + " of " + (config.attempts() - 1)
          + " in " + wait.toMillis() + " ms");
      retries.incrementAndGet();
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException("POST " + url + ": interrupted while waiting to retry", e);
      }
    }
  }

  /** Closes the HTTP client's connections. */
  @Override
  public void close() {
    http.close();
  }

  /** tenacity's {@code wait_exponential(multiplier=0.5)} clamped to the configured bounds; Retry-After if longer. */
  Duration backoff(int attempt, OptionalLong retryAfterSeconds) {
    long ms = (long) (500 * Math.pow(2, attempt - 1));
    ms = Math.max(ms, config.minBackoff().toMillis());
    if (retryAfterSeconds.isPresent()) {
      ms = Math.max(ms, retryAfterSeconds.getAsLong() * 1000);
    }
    return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
  }

  private static JsonNode parse(URI url, String body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new ApiException("POST " + url + ": the answer is not a JSON object: " + excerpt(body));
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ApiException("POST " + url + ": malformed JSON in the answer (" + e.getOriginalMessage() + "): "
          + excerpt(body));
    }
  }

  private static OptionalLong seconds(String v) {
    try {
      return OptionalLong.of(Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // an HTTP date: ignored, the exponential wait applies
    }
  }

  private static String excerpt(String body) {
    String one = body == null ? "" : body.strip().replaceAll("\\s*\\R\\s*", " ");
    return one.length() > KEEP_BODY ? one.substring(0, KEEP_BODY) + "..." : one;
  }
}
