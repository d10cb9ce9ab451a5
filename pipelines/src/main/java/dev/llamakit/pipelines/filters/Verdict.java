package dev.llamakit.pipelines.filters;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.Signals;
import java.util.Objects;

/**
 * What a {@link DocumentFilter} decided: keep (the document as it was, or a changed copy) or drop under a named
 * reason with a human detail, plus the values the rule measured ({@link #signals()}). The chain attaches those
 * values to the document only where the recipe asks for them ({@code signals: true}), so a rule always reports
 * them and never decides where they go.
 */
public final class Verdict {
  private static final Verdict KEEP = new Verdict(null, null, null, Signals.EMPTY);

  private final Document changed;
  private final DropReason reason;
  private final String detail;
  private final Signals signals;

  private Verdict(Document changed, DropReason reason, String detail, Signals signals) {
    this.changed = changed;
    this.reason = reason;
    this.detail = detail;
    this.signals = signals;
  }

  /** Keep the document unchanged. */
  public static Verdict keep() {
    return KEEP;
  }

  /** Keep this changed copy of the document (a new field, cleaned content). */
  public static Verdict keep(Document changed) {
    return new Verdict(Objects.requireNonNull(changed, "changed"), null, null, Signals.EMPTY);
  }

  /** Drop the document under {@code reason}; {@code detail} says what was measured against what. */
  public static Verdict drop(DropReason reason, String detail) {
    return new Verdict(null, Objects.requireNonNull(reason, "reason"), detail, Signals.EMPTY);
  }

  /** The same decision with one more measured value (see {@link Signals} for the allowed types). */
  public Verdict signal(String key, Object value) {
    return new Verdict(changed, reason, detail, signals.with(key, value));
  }

  /** The same decision with one more measured number. */
  public Verdict signal(String key, double value) {
    return signal(key, (Object) value);
  }

  /** The same decision with one more measured count. */
  public Verdict signal(String key, long value) {
    return signal(key, (Object) value);
  }

  public boolean kept() {
    return reason == null;
  }

  /** The changed document when the rule changed it, else null. */
  public Document changed() {
    return changed;
  }

  /** The drop reason, or null when kept. */
  public DropReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  public Signals signals() {
    return signals;
  }

  @Override
  public String toString() {
    return (kept() ? "keep" : "drop " + reason + " (" + detail + ")") + (signals.isEmpty() ? "" : " " + signals);
  }
}
