package dev.llamakit.safety;

import java.time.Duration;
import java.util.List;

/**
 * A safety check over a conversation (user/assistant/tool turns, possibly multi-turn) that returns a
 * {@link ShieldResult}. Implementations write {@link #evaluate}; callers use {@link #check}, which measures the
 * latency and turns any exception or null into {@link Decision#ERROR} (fail closed, never open).
 */
public interface Shield {
  /** A stable id, e.g. {@code llama-guard-3-8b}, {@code embedded-moderation}, {@code code-shield}. */
  String id();

  /** Scores the conversation; may throw. Called through {@link #check}. */
  ShieldResult evaluate(List<Message> messages) throws Exception;

  /** Runs {@link #evaluate}, timing it; exceptions, errors and null results become ERROR results. */
  default ShieldResult check(List<Message> messages) {
    long t0 = System.nanoTime();
    try {
      if (messages == null || messages.isEmpty()) {
        return ShieldResult.error(id(), "no messages to check", Duration.ofNanos(System.nanoTime() - t0));
      }
      ShieldResult r = evaluate(messages);
      Duration d = Duration.ofNanos(System.nanoTime() - t0);
      if (r == null) return ShieldResult.error(id(), "shield returned no result", d);
      return r.withLatency(d);
    } catch (Exception | LinkageError | AssertionError e) {
      return ShieldResult.error(id(), e.getClass().getSimpleName() + ": " + e.getMessage(),
          Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /** Convenience: checks a single user message. */
  default ShieldResult checkText(Role role, String text) {
    return check(List.of(new Message(role, text)));
  }
}
