package dev.llamakit.safety.engine;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.moderation.Generator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine behind the moderation filter's {@link Generator} port: renders the conversation with the model's chat
 * template, streams the decoded reply piece by piece, and stops as soon as the filter cancels.
 */
public final class EngineGenerator implements Generator {
  private final LlamaEngine engine;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final SamplingParams params;

  public EngineGenerator(LlamaEngine engine, Tokenizer tokenizer, ChatTemplate template, SamplingParams params) {
    this.engine = engine;
    this.tokenizer = tokenizer;
    this.template = template;
    Set<Integer> stops = new HashSet<>(params.stopTokens());
    stops.add(tokenizer.eos());
    if (tokenizer.eot() >= 0) {
      stops.add(tokenizer.eot());
    }
    this.params = params.withStopTokens(stops);
  }

  @Override
  public void generate(List<Message> messages, Consumer<String> onChunk, BooleanSupplier cancelled) {
    List<dev.llamakit.engine.chat.Message> chat = new ArrayList<>();
    for (Message m : messages) {
      chat.add(new dev.llamakit.engine.chat.Message(m.role().name().toLowerCase(java.util.Locale.ROOT), m.content()));
    }
    int[] prompt = template.encode(tokenizer, chat, true);
    StreamingDecoder decoder = new StreamingDecoder(tokenizer);
    engine.generate(prompt, params, tokenizer::tokenBytes, (tok, i) -> {
      if (params.stopTokens().contains(tok)) {
        return false;
      }
      String piece = decoder.accept(tok);
      if (!piece.isEmpty()) {
        onChunk.accept(piece);
      }
      return !cancelled.getAsBoolean();
    });
  }
}
