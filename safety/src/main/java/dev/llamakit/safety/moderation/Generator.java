package dev.llamakit.safety.moderation;

import dev.llamakit.safety.Message;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The port through which {@link ModerationFilter} runs generation; the engine implements it.
 *
 * <p>Contract: {@link #generate} renders {@code messages} with the model's chat template (adding the assistant
 * header), decodes the reply and calls {@code onChunk} with each newly decoded piece of text, in order, on the
 * calling thread (one token's text, or a few; never text that was already delivered). Before producing each token
 * it checks {@code cancelled.getAsBoolean()} and, once true, stops and returns normally (no exception) as soon as
 * possible; the filter sets it when a window of output is judged unsafe. It returns when the reply is complete
 * (end-of-turn token or the implementation's token limit). Failures are thrown; the filter then refuses (fail
 * closed).
 */
public interface Generator {
  /** Streams the assistant reply to {@code messages} into {@code onChunk}; stops early when cancelled. */
  void generate(List<Message> messages, Consumer<String> onChunk, BooleanSupplier cancelled) throws Exception;
}
