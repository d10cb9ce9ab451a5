package dev.llamakit.engine.inference;

import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Text-level convenience over a {@link LlamaEngine} and its {@link Tokenizer}: generation that streams decoded text
 * and stops at end-of-generation tokens, and continuation scoring tokenized the way lm-evaluation-harness does.
 *
 * <pre>{@code
 * TextEngine t = new TextEngine(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()));
 * String reply = t.generate("Once upon a time", SamplingParams.greedy(64), System.out::print);
 * ScoredContinuation s = t.loglikelihood("The capital of France is", " Paris");
 * }</pre>
 */
public final class TextEngine {
  private final LlamaEngine engine;
  private final Tokenizer tokenizer;
  private final Set<Integer> endOfGeneration;

  public TextEngine(LlamaEngine engine, Tokenizer tokenizer) {
    if (tokenizer.vocabSize() != engine.model().vocabSize()) {
      throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " tokens but the model "
          + engine.model().path() + " has " + engine.model().vocabSize());
    }
    this.engine = engine;
    this.tokenizer = tokenizer;
    Set<Integer> eog = new HashSet<>();
    for (int i = 0; i < tokenizer.vocabSize(); i++) {
      if (tokenizer.isEndOfGeneration(i)) {
        eog.add(i);
      }
    }
    this.endOfGeneration = Set.copyOf(eog);
  }

  public LlamaEngine engine() {
    return engine;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The vocabulary's end-of-generation ids (EOS, EOT, ...). */
  public Set<Integer> endOfGenerationTokens() {
    return endOfGeneration;
  }

  /**
   * Generates after {@code prompt} (BOS added, special-token text parsed when {@code parseSpecial}), also stopping at
   * the vocabulary's end-of-generation tokens; streams decoded text (UTF-8 safe) to {@code onText} and returns the
   * whole text (without a final end-of-generation token).
   */
  public String generate(String prompt, boolean parseSpecial, SamplingParams params, Consumer<String> onText) {
    int[] ids = tokenizer.encode(prompt, true, parseSpecial);
    Set<Integer> stops = new HashSet<>(params.stopTokens());
    stops.addAll(endOfGeneration);
    StringBuilder text = new StringBuilder();
    StreamingDecoder dec = new StreamingDecoder(tokenizer);
    engine.generate(ids, params.withStopTokens(stops), tokenizer::tokenBytes, (id, i) -> {
      if (!endOfGeneration.contains(id)) {
        String s = dec.accept(id);
        text.append(s);
        onText.accept(s);
      }
      return true;
    });
    String tail = dec.flush();
    text.append(tail);
    onText.accept(tail);
    String out = text.toString();
    for (String s : params.stopStrings()) {
      int k = out.indexOf(s);
      if (k >= 0) {
        out = out.substring(0, k);
      }
    }
    return out;
  }

  /** {@link #generate(String, boolean, SamplingParams, Consumer)} without special-token parsing. */
  public String generate(String prompt, SamplingParams params, Consumer<String> onText) {
    return generate(prompt, false, params, onText);
  }

  /**
   * Log-likelihood of {@code continuation} after {@code context}, tokenized as lm-evaluation-harness's
   * {@code _encode_pair} (without its trailing-space move): see {@link #continuationIds}.
   */
  public ScoredContinuation loglikelihood(String context, String continuation) {
    int[] ctx = tokenizer.encode(context, true, false);
    return engine.loglikelihood(ctx, continuationIds(tokenizer, ctx, context, continuation));
  }

  /** Scores several continuations of one context (the context's KV is computed once). */
  public List<ScoredContinuation> loglikelihood(String context, List<String> continuations) {
    int[] ctx = tokenizer.encode(context, true, false);
    return engine.loglikelihood(ctx, continuations.stream()
        .map(c -> continuationIds(tokenizer, ctx, context, c)).toList());
  }

  /** The next-token log-probabilities after {@code prompt} (BOS added). */
  public double[] nextTokenLogProbs(String prompt, boolean parseSpecial) {
    return engine.nextTokenLogProbs(tokenizer.encode(prompt, true, parseSpecial));
  }

  /**
   * lm-eval's continuation ids: {@code whole = tok(context + continuation)}; when it starts with {@code ctxIds} the
   * continuation is the rest of {@code whole}, otherwise {@code continuation} tokenized alone without BOS.
   */
  public static int[] continuationIds(Tokenizer tok, int[] ctxIds, String context, String continuation) {
    int[] whole = tok.encode(context + continuation, true, false);
    if (whole.length >= ctxIds.length && Arrays.equals(whole, 0, ctxIds.length, ctxIds, 0, ctxIds.length)) {
      return Arrays.copyOfRange(whole, ctxIds.length, whole.length);
    }
    return tok.encode(continuation, false, false);
  }
}
