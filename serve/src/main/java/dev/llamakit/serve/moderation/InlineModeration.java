package dev.llamakit.serve.moderation;

import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.moderation.Generator;
import dev.llamakit.safety.moderation.ModerationFilter;
import dev.llamakit.safety.moderation.ModerationOutcome;
import dev.llamakit.serve.metrics.ServerMetrics;
import dev.llamakit.serve.schedule.BatchScheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * One generation of the server with the moderation filter in line: input shields first (a refusal without
 * generating), then the reply streamed through output shields in windows — text reaches the client only once its
 * window passed, and generation is cancelled at the first unsafe window — or, without shields, plain generation.
 * Every shield decision goes to the metrics and, when there is one, the audit log. A shield error blocks (fail
 * closed); a failure to write the audit log fails the request (500).
 *
 * <pre>{@code
 * InlineModeration m = new InlineModeration(ModerationConfig.defaults().build(Map.of()), audit, metrics);
 * InlineModeration.Reply r = m.generate("chatcmpl-1", "/v1/chat/completions", text, promptIds, params,
 *     List.of(Message.user(question)), piece -> sse.send(chunk(piece)));
 * }</pre>
 */
public final class InlineModeration {
  private final ModerationFilter.Config config;
  private final AuditLog audit;
  private final ServerMetrics metrics;
  private final BatchScheduler scheduler;

  /** {@code config} null = no shields; {@code audit} may be null; generation on the engine itself. */
  public InlineModeration(ModerationFilter.Config config, AuditLog audit, ServerMetrics metrics) {
    this(config, audit, metrics, null);
  }

  /** As above, generating in {@code scheduler}'s batch (null: on the engine itself, one request at a time). */
  public InlineModeration(ModerationFilter.Config config, AuditLog audit, ServerMetrics metrics,
      BatchScheduler scheduler) {
    this.config = config;
    this.audit = audit;
    this.metrics = metrics;
    this.scheduler = scheduler;
  }

  /** One generation, in the scheduler's batch when there is one. */
  private TextGeneration decode(TextEngine text, int[] prompt, SamplingParams params, TextListener onText) {
    if (scheduler == null) {
      return text.generate(prompt, params, onText);
    }
    try {
      return scheduler.generate(prompt, params, onText);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    }
  }

  /** True when shields run. */
  public boolean enabled() {
    return config != null;
  }

  /** The filter's shields config (null without shields). */
  public ModerationFilter.Config config() {
    return config;
  }

  /**
   * What one generation produced.
   *
   * @param text the reply, or the refusal when {@code refused}
   * @param generation the engine's accounting (null when the input was refused before generating)
   * @param refused true when a shield blocked (or failed)
   * @param clientGone true when the sink reported the client gone (generation was stopped)
   */
  public record Reply(String text, TextGeneration generation, boolean refused, boolean clientGone) {}

  /**
   * Generates after {@code prompt} for the conversation {@code conv} (what the shields judge), streaming released
   * text to {@code sink} (which returns false when its client is gone).
   */
  public Reply generate(String requestId, String endpoint, TextEngine text, int[] prompt, SamplingParams params,
      List<Message> conv, TextListener sink) {
    boolean[] gone = {false};
    TextListener guardedSink = piece -> {
      if (!gone[0] && !sink.onText(piece)) {
        gone[0] = true;
      }
      return !gone[0];
    };
    if (config == null) {
      TextGeneration g = decode(text, prompt, params, guardedSink);
      return new Reply(g.text(), g, false, gone[0]);
    }
    TextGeneration[] gen = {null};
    Generator generator = (messages, onChunk, cancelled) -> gen[0] = decode(text, prompt, params, piece -> {
      onChunk.accept(piece);
      return !cancelled.getAsBoolean() && !gone[0];
    });
    ModerationOutcome o = new ModerationFilter(generator, config).respond(conv, guardedSink::onText);
    record(requestId, endpoint, o.allowed(), o.stage().name(), o.results(), conv);
    return new Reply(o.text(), gen[0], !o.allowed(), gone[0]);
  }

  /** Runs only the input shields (no generation); null when they pass, else the refusal text. */
  public String checkInput(String requestId, String endpoint, List<Message> conv) {
    if (config == null) {
      return null;
    }
    List<ShieldResult> results = new ArrayList<>();
    ModerationOutcome refused = new ModerationFilter((m, c, x) -> { }, config).checkInput(conv, results);
    record(requestId, endpoint, refused == null, refused == null ? "NONE" : "INPUT", results, conv);
    return refused == null ? null : refused.text();
  }

  /** Counts and audits shield results checked outside generation ({@code /v1/moderations}, run_shield). */
  public void recordChecks(String requestId, String endpoint, boolean allowed, List<ShieldResult> results,
      List<Message> conv) {
    record(requestId, endpoint, allowed, "CHECK", results, conv);
  }

  private void record(String requestId, String endpoint, boolean allowed, String stage, List<ShieldResult> results,
      List<Message> conv) {
    results.forEach(metrics::shield);
    if (audit != null) {
      audit.record(requestId, endpoint, allowed, stage, results, conv.isEmpty() ? null : conv.getLast().content());
    }
  }
}
