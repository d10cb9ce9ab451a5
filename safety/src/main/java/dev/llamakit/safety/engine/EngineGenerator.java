package dev.llamakit.safety.engine;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.moderation.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine behind the moderation filter's {@link Generator} port: renders the conversation with the model's chat
 * template, streams the decoded reply piece by piece under {@link TextEngine}'s stop policy (plus the template's
 * end-of-turn markers), and stops as soon as the filter cancels.
 */
public final class EngineGenerator implements Generator {
  private final TextEngine text;
  private final SamplingParams params;

  /** A generator on the text facade, which must have a chat template. */
  public EngineGenerator(TextEngine text, SamplingParams params) {
    this.text = text;
    List<String> stops = new ArrayList<>(params.stopStrings());
    stops.addAll(text.chatStopStrings());
    this.params = params.withStopStrings(stops);
  }

  /** A generator on an open engine, its tokenizer and its chat template. */
  public EngineGenerator(LlamaEngine engine, Tokenizer tokenizer, ChatTemplate template, SamplingParams params) {
    this(new TextEngine(engine, tokenizer, template), params);
  }

  /** The conversation in the engine's chat-message form (roles lower-cased). */
  public static List<dev.llamakit.engine.chat.Message> chatMessages(List<Message> messages) {
    List<dev.llamakit.engine.chat.Message> chat = new ArrayList<>();
    for (Message m : messages) {
      chat.add(new dev.llamakit.engine.chat.Message(m.role().name().toLowerCase(Locale.ROOT), m.content()));
    }
    return chat;
  }

  @Override
  public void generate(List<Message> messages, Consumer<String> onChunk, BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      return;
    }
    text.generate(text.encodeChat(chatMessages(messages)), params, piece -> {
      onChunk.accept(piece);
      return !cancelled.getAsBoolean();
    });
  }
}
