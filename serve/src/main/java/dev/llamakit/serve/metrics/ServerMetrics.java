package dev.llamakit.serve.metrics;

import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The server's counters, rendered in the Prometheus text format for {@code GET /metrics}: requests by endpoint and
 * status, prompt and generated tokens, decode time (tokens/s = rate(generated) / rate(decode seconds)), the last
 * request's decode speed, queue depth, requests in flight, client disconnects and shield decisions by shield,
 * decision and category.
 */
public final class ServerMetrics {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder generatedTokens = new LongAdder();
  private final LongAdder decodeNanos = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final LongAdder prefilledTokens = new LongAdder();
  private final LongAdder reusedTokens = new LongAdder();
  private final LongAdder decodeSteps = new LongAdder();
  private final LongAdder decodeStepTokens = new LongAdder();
  private final LongAccumulator largestBatch = new LongAccumulator(Math::max, 0);
  private volatile double lastTokensPerSecond;
  private final IntSupplier queueDepth;
  private final IntSupplier inFlight;

  /** Metrics reading the queue depth and the admitted requests from the scheduler. */
  public ServerMetrics(IntSupplier queueDepth, IntSupplier inFlight) {
    this.queueDepth = queueDepth;
    this.inFlight = inFlight;
  }

  /** Counts one answered request. */
  public void request(String endpoint, int status) {
    requests.computeIfAbsent("endpoint=\"" + endpoint + "\",status=\"" + status + "\"", k -> new LongAdder())
        .increment();
  }

  /** Counts one generation. */
  public void generation(int prompt, int generated, long decodeNs, double tokensPerSecond) {
    promptTokens.add(prompt);
    generatedTokens.add(generated);
    decodeNanos.add(decodeNs);
    if (generated > 1) {
      lastTokensPerSecond = tokensPerSecond;
    }
  }

  /** Counts one prompt's prefill: tokens computed, and tokens whose KV was reused from another request or cache. */
  public void prefill(int computed, int reused) {
    prefilledTokens.add(computed);
    reusedTokens.add(reused);
  }

  /** Counts one decode step of the batch scheduler over {@code sequences} sequences. */
  public void decodeStep(int sequences) {
    decodeSteps.increment();
    decodeStepTokens.add(sequences);
    largestBatch.accumulate(sequences);
  }

  /** Prompt tokens computed by prefills so far. */
  public long prefilledTokens() {
    return prefilledTokens.sum();
  }

  /** Prompt tokens whose KV was reused so far. */
  public long reusedPromptTokens() {
    return reusedTokens.sum();
  }

  /** Counts a client that went away mid-stream. */
  public void cancelled() {
    cancelled.increment();
  }

  /** Counts a shield's decision under each category it named ({@code none} when it named none). */
  public void shield(ShieldResult r) {
    if (r.categories().isEmpty()) {
      decision(r.shieldId(), r.decision().name(), "none");
    }
    for (Category c : r.categories()) {
      decision(r.shieldId(), r.decision().name(), c.code());
    }
  }

  private void decision(String shield, String decision, String category) {
    decisions.computeIfAbsent("shield=\"" + shield + "\",decision=\"" + decision + "\",category=\"" + category + "\"",
        k -> new LongAdder()).increment();
  }

  /** The Prometheus text exposition. */
  public String render() {
    StringBuilder b = new StringBuilder();
    family(b, "llamakit_requests_total", "counter", "HTTP requests answered, by endpoint and status.", requests);
    scalar(b, "llamakit_prompt_tokens_total", "counter", "Prompt tokens processed.", promptTokens.sum());
    scalar(b, "llamakit_generated_tokens_total", "counter", "Tokens generated.", generatedTokens.sum());
    scalar(b, "llamakit_decode_seconds_total", "counter", "Time spent generating tokens.", decodeNanos.sum() / 1e9);
    scalar(b, "llamakit_last_decode_tokens_per_second", "gauge", "Decode speed of the last generation.",
        lastTokensPerSecond);
    scalar(b, "llamakit_prompt_tokens_prefilled_total", "counter", "Prompt tokens computed by prefill.",
        prefilledTokens.sum());
    scalar(b, "llamakit_prompt_tokens_reused_total", "counter", "Prompt tokens whose KV was reused (shared prefix).",
        reusedTokens.sum());
    scalar(b, "llamakit_decode_steps_total", "counter", "Batched decode steps (one forward pass each).",
        decodeSteps.sum());
    scalar(b, "llamakit_decode_step_sequences_total", "counter", "Sequences over all decode steps (/ steps = mean "
        + "batch size).", decodeStepTokens.sum());
    scalar(b, "llamakit_decode_batch_max", "gauge", "Most sequences in one decode step so far.", largestBatch.get());
    scalar(b, "llamakit_queue_depth", "gauge", "Requests waiting for the model.", queueDepth.getAsInt());
    scalar(b, "llamakit_requests_in_flight", "gauge", "Requests admitted (running or waiting).", inFlight.getAsInt());
    scalar(b, "llamakit_client_disconnects_total", "counter", "Streams whose client went away; generation stopped.",
        cancelled.sum());
    family(b, "llamakit_shield_decisions_total", "counter", "Shield decisions by shield, decision and category.",
        decisions);
    return b.toString();
  }

  private static void family(StringBuilder b, String name, String type, String help, Map<String, LongAdder> m) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    new TreeMap<>(m).forEach((labels, v) -> b.append(name).append('{').append(labels).append("} ").append(v.sum())
        .append('\n'));
  }

  private static void scalar(StringBuilder b, String name, String type, String help, double v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    b.append(name).append(' ').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : Double.toString(v)).append('\n');
  }
}
