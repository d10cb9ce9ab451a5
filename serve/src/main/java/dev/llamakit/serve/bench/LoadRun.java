package dev.llamakit.serve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One load run against a server over loopback HTTP: {@code clients} client threads, each sending
 * {@code requestsPerClient} streamed {@code /v1/completions} requests one after another (a prompt of random token
 * ids after BOS, unique per request so that no prompt is reused, greedy, {@code max_tokens}); measures the wall time,
 * the generated tokens (from the stream's usage) and each request's time to first token (the first event with
 * text) and latency. Every request must answer 200.
 *
 * <pre>{@code
 * LoadRun.Result r = LoadRun.run(URI.create("http://127.0.0.1:8080"), 4, 2, 32, 64, 32000, 7);
 * System.out.println(r.requestsPerSecond() + " req/s, " + r.tokensPerSecond() + " tok/s");
 * }</pre>
 */
public final class LoadRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadRun() {}

  /** One request's timings. */
  public record Request(long firstTokenNanos, long latencyNanos, int tokens, boolean filtered) {}

  /** A run's outcome. */
  public record Result(int clients, long wallNanos, long cpuNanos, List<Request> requests) {
    /** Requests a shield refused or cut ({@code finish_reason: content_filter}). */
    public long filtered() {
      return requests.stream().filter(Request::filtered).count();
    }

    public int generatedTokens() {
      return requests.stream().mapToInt(Request::tokens).sum();
    }

    public double requestsPerSecond() {
      return requests.size() * 1e9 / wallNanos;
    }

    public double tokensPerSecond() {
      return generatedTokens() * 1e9 / wallNanos;
    }

    /** Generated tokens per CPU-second of this process (server and clients). */
    public double tokensPerCpuSecond() {
      return cpuNanos <= 0 ? 0 : generatedTokens() * 1e9 / cpuNanos;
    }

    public double medianFirstTokenMillis() {
      return median(requests.stream().map(r -> r.firstTokenNanos() / 1e6).toList());
    }

    public double medianLatencyMillis() {
      return median(requests.stream().map(r -> r.latencyNanos() / 1e6).toList());
    }
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    if (s.isEmpty()) {
      return Double.NaN;
    }
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /**
   * Runs the load against {@code base} ({@code http://host:port}); prompts of {@code promptTokens} ids drawn from
   * {@code [3, vocab)} with {@code seed}.
   */
  public static Result run(URI base, int clients, int requestsPerClient, int promptTokens, int maxTokens, int vocab,
      long seed) throws Exception {
    return run(base, clients, requestsPerClient, promptTokens, maxTokens, vocab, seed, false);
  }

  /**
   * As above; with {@code text} the prompts are short English sentences (unique per request) instead of random
   * token ids, for runs through the shields (random ids read as gibberish that a prompt-attack shield may refuse).
   */
  public static Result run(URI base, int clients, int requestsPerClient, int promptTokens, int maxTokens, int vocab,
      long seed, boolean text) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    List<Request> all = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < requestsPerClient; i++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + client * 1009L + i);
            Object prompt = text ? "Once upon a time, a little girl named Lily went to the park with her dog number "
                + rnd.nextInt(1_000_000) + ". What did they see there?" : prompt(rnd, promptTokens, vocab);
            all.add(one(http, base, prompt, maxTokens));
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    long wall = System.nanoTime() - t0;
    return new Result(clients, wall, processCpuNanos() - cpu0, List.copyOf(all));
  }

  private static int[] prompt(SplittableRandom rnd, int n, int vocab) {
    int[] p = new int[n];
    p[0] = 1;
    for (int i = 1; i < n; i++) {
      p[i] = 3 + rnd.nextInt(vocab - 3);
    }
    return p;
  }

  private static Request one(HttpClient http, URI base, Object prompt, int maxTokens) throws IOException,
      InterruptedException {
    ObjectNode b = JSON.createObjectNode();
    if (prompt instanceof String s) {
      b.put("prompt", s);
    } else {
      var p = b.putArray("prompt");
      for (int id : (int[]) prompt) {
        p.add(id);
      }
    }
    b.put("max_tokens", maxTokens).put("temperature", 0).put("stream", true);
    b.putObject("stream_options").put("include_usage", true);
    HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/completions")).timeout(Duration.ofMinutes(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b.toString())).build();
    long t0 = System.nanoTime();
    HttpResponse<java.util.stream.Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IOException(base + "/v1/completions answered " + r.statusCode() + ": "
          + String.join("\n", r.body().toList()));
    }
    long first = -1;
    int tokens = -1;
    boolean filtered = false;
    for (String line : (Iterable<String>) r.body()::iterator) {
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
        continue;
      }
      JsonNode e = JSON.readTree(line.substring(6));
      if (first < 0 && e.path("choices").path(0).path("text").asText("").length() > 0) {
        first = System.nanoTime() - t0;
      }
      filtered |= "content_filter".equals(e.path("choices").path(0).path("finish_reason").asText(""));
      if (e.hasNonNull("usage")) {
        tokens = e.get("usage").get("completion_tokens").asInt();
      }
    }
    long latency = System.nanoTime() - t0;
    if (tokens < 0) {
      throw new IOException(base + "/v1/completions: the stream ended without its usage event");
    }
    return new Request(first < 0 ? latency : first, latency, tokens, filtered);
  }

  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
