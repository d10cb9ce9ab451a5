package dev.llamakit.eval.engine;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.GenerationResult;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.ScoredContinuation;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.model.ModelIdentity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * lm-evaluation-harness's three calls on llamakit's engine.
 *
 * <p>Tokenisation follows lm-eval's {@code _encode_pair}: the context is encoded alone (with BOS when
 * {@code addBos}, Meta's recipe), {@code context + continuation} is encoded as a whole, and the continuation is the
 * tail of the whole beyond the context's length; the model scores it after the context's own tokens. Requests longer
 * than the context window keep their last tokens (lm-eval's left truncation). The engine reuses the KV of the longest
 * prefix shared with the previous request, so the continuations of one context cost one context pass.
 *
 * <p>The model and its tokenizer come together from the engine's text facade ({@link TextEngine}); scoring and
 * generation keep lm-eval's own rules above (the context encoded alone, the continuation as the tail of the whole,
 * generated text decoded as a whole, stopping at EOS and EOT), which differ from the facade's streamed decoding.
 */
public final class EngineLanguageModel implements LanguageModel {
  private final LlamaEngine engine;
  private final Tokenizer tokenizer;
  private final ModelIdentity identity;
  private final boolean addBos;
  private final Set<Integer> stopTokens = new HashSet<>();
  private final ChatTemplate chatTemplate;
  private boolean parseSpecial;
  private BitSet truncated = new BitSet();
  private long generatedTokens;
  private long generationNanos;

  public EngineLanguageModel(LlamaEngine engine, Tokenizer tokenizer, ModelIdentity identity, boolean addBos) {
    this(new TextEngine(engine, tokenizer), identity, addBos, null);
  }

  /**
   * A model on the engine's text facade (model and tokenizer loaded together, e.g. by
   * {@link TextEngine#load(java.nio.file.Path, dev.llamakit.engine.model.ModelOptions, java.nio.file.Path, long)}).
   *
   * @param chatTemplate the template {@link #applyChatTemplate} renders with, or null to use the GGUF's
   *     {@code tokenizer.chat_template} when asked
   */
  public EngineLanguageModel(TextEngine text, ModelIdentity identity, boolean addBos, ChatTemplate chatTemplate) {
    this.engine = text.engine();
    this.chatTemplate = chatTemplate;
    this.tokenizer = text.tokenizer();
    this.identity = identity;
    this.addBos = addBos;
    stopTokens.add(tokenizer.eos());
    if (tokenizer.eot() >= 0) {
      stopTokens.add(tokenizer.eot());
    }
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  /**
   * Renders with the chat template given at construction or named by the GGUF; from then on prompts are tokenized
   * with special-token text parsed, so the template's markers become their tokens (llama.cpp's chat prompts).
   */
  @Override
  public String applyChatTemplate(List<Message> messages) {
    ChatTemplate t = chatTemplate;
    if (t == null) {
      t = ChatTemplate.fromGguf(engine.model().metadata().orElseThrow(() -> new IllegalStateException(
          identity.name() + " carries no metadata: pass --model-arg chat_template=NAME for --apply-chat-template")));
    }
    parseSpecial = true;
    return t.render(messages, true);
  }

  private int[] encode(String text) {
    int[] ids = tokenizer.encode(text, addBos, parseSpecial);
    if (ids.length == 0) {
      return new int[] {tokenizer.bos()};
    }
    return ids;
  }

  @Override
  public List<List<Loglikelihood>> loglikelihood(List<LoglikelihoodRequest> requests) {
    List<List<Loglikelihood>> out = new ArrayList<>(requests.size());
    int window = engine.model().contextLength();
    BitSet cut = new BitSet();
    for (LoglikelihoodRequest r : requests) {
      int[] context = r.context().isEmpty() ? new int[] {tokenizer.bos()} : encode(r.context());
      List<Loglikelihood> scores = new ArrayList<>(r.continuations().size());
      for (String c : r.continuations()) {
        int[] whole = r.context().isEmpty() ? concat(context, tokenizer.encode(c, false, parseSpecial))
            : encode(r.context() + c);
        int[] cont = Arrays.copyOfRange(whole, Math.min(context.length, whole.length), whole.length);
        int[] ctx = context;
        if (ctx.length + cont.length > window) {
          int keep = Math.max(1, window - cont.length);
          ctx = Arrays.copyOfRange(ctx, ctx.length - keep, ctx.length);
          cut.set(out.size());
        }
        ScoredContinuation s = engine.loglikelihood(ctx, cont);
        scores.add(new Loglikelihood(s.sumLogprob(), s.isGreedy()));
      }
      out.add(scores);
    }
    truncated = cut;
    return out;
  }

  @Override
  public List<Double> loglikelihoodRolling(List<String> texts) {
    List<Double> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      int[] ids = concat(new int[] {tokenizer.bos()}, tokenizer.encode(t, false, false));
      out.add(ids.length < 2 ? 0.0 : engine.loglikelihoodRolling(ids).sumLogprob());
    }
    return out;
  }

  @Override
  public List<String> generateUntil(List<GenerationRequest> requests) {
    List<String> out = new ArrayList<>(requests.size());
    int window = engine.model().contextLength();
    BitSet cut = new BitSet();
    for (GenerationRequest r : requests) {
      int[] prompt = encode(r.context());
      int room = Math.max(1, window - r.maxTokens());
      if (prompt.length > room) {
        prompt = Arrays.copyOfRange(prompt, prompt.length - room, prompt.length);
        cut.set(out.size());
      }
      int max = Math.min(r.maxTokens(), window - prompt.length);
      SamplingParams p = r.greedy() ? SamplingParams.greedy(max)
          : SamplingParams.sampled(r.seed(), max).withTemperature((float) r.temperature()).withTopK(0)
              .withTopP((float) r.topP()).withMinP(0f);
      p = p.withStopTokens(stopTokens).withStopStrings(r.until());
      long t0 = System.nanoTime();
      GenerationResult g = engine.generate(prompt, p, tokenizer::tokenBytes, (id, i) -> true);
      generationNanos += System.nanoTime() - t0;
      int[] toks = g.tokens();
      generatedTokens += toks.length;
      if (toks.length > 0 && stopTokens.contains(toks[toks.length - 1])) {
        toks = Arrays.copyOf(toks, toks.length - 1);
      }
      out.add(r.cutAtStop(tokenizer.decode(toks)));
    }
    truncated = cut;
    return out;
  }

  @Override
  public Optional<BitSet> truncatedInLastCall() {
    return Optional.of((BitSet) truncated.clone());
  }

  /** Tokens generated so far by {@link #generateUntil}, and the wall time spent in it (for benchmarks). */
  public long generatedTokens() {
    return generatedTokens;
  }

  public double generationSeconds() {
    return generationNanos / 1e9;
  }

  /**
   * Makes the next request start from an empty KV cache (the engine otherwise reuses the prefix shared with the
   * previous request): a one-token request with no prefix in common. For benchmarks that measure the reuse.
   */
  public void forgetReusableContext() {
    engine.nextTokenLogProbs(new int[] {tokenizer.eos()});
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Override
  public void close() {
    engine.close();
  }
}
