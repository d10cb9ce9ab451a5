package dev.llamakit.engine.inference;

import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text side of one generation under {@link TextEngine}'s stop policy: which parameters the token loop runs with
 * (the vocabulary's end-of-generation tokens added to the stop tokens; stop strings handled here, on text), the
 * token listener that decodes UTF-8 safely, holds back possible stop-string starts and releases text to the
 * {@link TextListener}, and the final {@link TextGeneration}. {@link TextEngine#generate} uses it around the engine's
 * loop; a batching scheduler uses it around its own.
 *
 * <pre>{@code
 * TextStream ts = text.stream(params, piece -> send(piece));
 * GenerationResult r = engine.generate(prompt, ts.engineParams(), null, ts.tokens());
 * TextGeneration g = ts.finish(r);
 * }</pre>
 */
public final class TextStream {
  private final SamplingParams engineParams;
  private final Set<Integer> stops;
  private final StopScanner scanner;
  private final StreamingDecoder dec;
  private final TextListener onText;
  private final StringBuilder text = new StringBuilder();
  private boolean cancelled;

  TextStream(Tokenizer tokenizer, Set<Integer> endOfGeneration, SamplingParams params, TextListener onText) {
    Set<Integer> s = new HashSet<>(params.stopTokens());
    s.addAll(endOfGeneration);
    this.stops = s;
    this.engineParams = params.withStopTokens(s).withStopStrings(List.of());
    this.scanner = new StopScanner(params.stopStrings());
    this.dec = new StreamingDecoder(tokenizer);
    this.onText = onText;
  }

  /** The parameters the token loop runs with. */
  public SamplingParams engineParams() {
    return engineParams;
  }

  /** The token listener: false once a stop string was seen or the text listener returned false. */
  public TokenListener tokens() {
    return (id, i) -> {
      if (stops.contains(id)) {
        return true;  // the engine ends here; the stop token's text is not part of the reply
      }
      String out = scanner.accept(dec.accept(id));
      if (!out.isEmpty()) {
        text.append(out);
        cancelled = !onText.onText(out);
      }
      return !scanner.stopped() && !cancelled;
    };
  }

  /** Releases the held-back tail (unless stopped or cancelled) and returns the generation. */
  public TextGeneration finish(GenerationResult r) {
    if (!scanner.stopped() && !cancelled) {
      String tail = scanner.accept(dec.flush()) + scanner.flush();
      if (!tail.isEmpty()) {
        text.append(tail);
        onText.onText(tail);
      }
    }
    StopReason reason = scanner.stopped() ? StopReason.STOP_STRING : r.stopReason();
    return new TextGeneration(text.toString(), r.tokens(), reason, r.promptTokens(), r.reusedPromptTokens(),
        r.prefillNanos(), r.decodeNanos());
  }
}
