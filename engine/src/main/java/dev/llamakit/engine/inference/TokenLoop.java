package dev.llamakit.engine.inference;

import dev.llamakit.engine.sampling.Sampler;
import dev.llamakit.engine.sampling.SamplingParams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The token-level decode loop of one sequence, one step at a time: sample from the logits (own sampler, seed and
 * history), tell the listener, and decide whether the sequence goes on (stop token, stop string in the decoded bytes,
 * the listener's false, {@code maxTokens}, a full context). {@link LlamaEngine#generate} drives it with one sequence;
 * a continuous-batching scheduler drives one per sequence from a batched forward pass, with the same results.
 *
 * <pre>{@code
 * TokenLoop loop = new TokenLoop(prompt, params, null, listener, model.contextLength(), model.vocabSize());
 * float[] logits = prefill(prompt);
 * while (loop.step(logits, 0, sequenceLength)) {
 *   logits = append(loop.lastToken());
 * }
 * GenerationResult r = loop.result(reused, prefillNanos, decodeNanos);
 * }</pre>
 */
public final class TokenLoop {
  private final SamplingParams params;
  private final TokenText text;
  private final TokenListener listener;
  private final int contextLength;
  private final Sampler sampler;
  private final int limit;
  private final int[] history;
  private int hlen;
  private final List<byte[]> stops = new ArrayList<>();
  private final ByteArrayOutputStream generatedBytes = new ByteArrayOutputStream();
  private final int[] out;
  private int n;
  private StopReason reason;
  private boolean done;
  private final int promptTokens;

  /**
   * A loop after {@code prompt}; stop strings need {@code text}. At most the tokens the context still holds are
   * generated (the last one sampled needs no KV slot), whatever {@code params.maxTokens()} asks for.
   */
  public TokenLoop(int[] prompt, SamplingParams params, TokenText text, TokenListener listener, int contextLength,
      int vocabSize) {
    if (!params.stopStrings().isEmpty() && text == null) {
      throw new IllegalArgumentException("stop strings " + params.stopStrings() + " need a TokenText (tokenizer)");
    }
    this.params = params;
    this.text = text;
    this.listener = listener;
    this.contextLength = contextLength;
    this.sampler = new Sampler(params, vocabSize);
    this.promptTokens = prompt.length;
    this.limit = Math.min(params.maxTokens(), Math.max(0, contextLength - prompt.length + 1));
    this.history = Arrays.copyOf(prompt, prompt.length + limit);
    this.hlen = prompt.length;
    for (String s : params.stopStrings()) {
      stops.add(s.getBytes(StandardCharsets.UTF_8));
    }
    this.out = new int[limit];
    this.reason = limit < params.maxTokens() ? StopReason.CONTEXT_FULL : StopReason.MAX_TOKENS;
    this.done = limit == 0;
  }

  /** True until the loop ended; a loop that may generate nothing is done from the start. */
  public boolean running() {
    return !done;
  }

  /**
   * One step on the logits of the sequence's last position ({@code logits[off .. off+vocab)}), the sequence holding
   * {@code sequenceLength} positions. Returns true when the sequence goes on: run {@link #lastToken()} through the
   * model and call again with its logits.
   */
  public boolean step(float[] logits, int off, int sequenceLength) {
    if (done) {
      throw new IllegalStateException("the loop has ended (" + reason + ")");
    }
    int tok = sampler.sample(logits, off, history, hlen);
    out[n++] = tok;
    history[hlen++] = tok;
    boolean keepGoing = listener.onToken(tok, n - 1);
    if (params.stopTokens().contains(tok)) {
      return end(StopReason.STOP_TOKEN);
    }
    if (!stops.isEmpty()) {
      generatedBytes.writeBytes(text.bytes(tok));
      if (containsAny(generatedBytes.toByteArray(), stops)) {
        return end(StopReason.STOP_STRING);
      }
    }
    if (!keepGoing) {
      return end(StopReason.LISTENER);
    }
    if (n == params.maxTokens()) {
      return end(reason);
    }
    if (sequenceLength >= contextLength) {
      return end(StopReason.CONTEXT_FULL);
    }
    if (n >= limit) {
      return end(reason);
    }
    return true;
  }

  /** Ends the loop from outside (a cancelled request): the result's reason is {@link StopReason#LISTENER}. */
  public void cancel() {
    if (!done) {
      end(StopReason.LISTENER);
    }
  }

  private boolean end(StopReason r) {
    reason = r;
    done = true;
    return false;
  }

  /** The token sampled last. */
  public int lastToken() {
    return out[n - 1];
  }

  /** Tokens generated so far. */
  public int generated() {
    return n;
  }

  /** The outcome so far. */
  public GenerationResult result(int reusedPromptTokens, long prefillNanos, long decodeNanos) {
    return new GenerationResult(Arrays.copyOf(out, n), reason, promptTokens, reusedPromptTokens, prefillNanos,
        decodeNanos);
  }

  static boolean containsAny(byte[] hay, List<byte[]> needles) {
    for (byte[] nd : needles) {
      outer:
      for (int i = 0; i + nd.length <= hay.length; i++) {
        for (int j = 0; j < nd.length; j++) {
          if (hay[i + j] != nd[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
  }
}
