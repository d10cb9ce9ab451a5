package dev.llamakit.engine.inference;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.ChatTemplateException;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.Llama2cTokenizer;
import dev.llamakit.engine.tokenizer.StreamingDecoder;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The text-level facade over the engine: a {@link LlamaEngine} loaded together with its {@link Tokenizer} and chat
 * template, with the one stop policy every text caller (CLI, safety, eval, server) uses.
 *
 * <p>The stop policy of {@link #generate(int[], SamplingParams, TextListener)}:
 * <ol>
 *   <li>generation ends at any end-of-generation token of the vocabulary (EOS, EOT, ...) or a token of
 *       {@code params.stopTokens()}; that token's text is never part of the reply;
 *   <li>it ends when the decoded text contains one of {@code params.stopStrings()}: the reply is cut before the first
 *       occurrence, and streamed text never shows a stop string or its beginning ({@link StopScanner});
 *   <li>it ends after {@code params.maxTokens()} tokens, or when the context is full, whichever comes first;
 *   <li>it ends when the listener returns false (a cancelled request).
 * </ol>
 * Text streams UTF-8 safe ({@link StreamingDecoder}); a chat reply also stops at its template's end-of-turn markers
 * ({@link #chatStopStrings}).
 *
 * <pre>{@code
 * try (TextEngine t = TextEngine.load(Path.of("model.gguf"), ModelOptions.defaults(), null)) {
 *   int[] prompt = t.encodeChat(List.of(Message.user("Hi")));
 *   TextGeneration g = t.generate(prompt, SamplingParams.greedy(64).withStopStrings(t.chatStopStrings()),
 *       piece -> { System.out.print(piece); return true; });
 *   ScoredContinuation s = t.loglikelihood("The capital of France is", " Paris");
 * }
 * }</pre>
 */
public final class TextEngine implements AutoCloseable {
  private final LlamaEngine engine;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final Set<Integer> endOfGeneration;

  /** A facade over an open engine and its tokenizer, without a chat template. */
  public TextEngine(LlamaEngine engine, Tokenizer tokenizer) {
    this(engine, tokenizer, null);
  }

  /** A facade over an open engine, its tokenizer and chat template ({@code template} may be null). */
  public TextEngine(LlamaEngine engine, Tokenizer tokenizer, ChatTemplate template) {
    if (tokenizer.vocabSize() != engine.model().vocabSize()) {
      throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " tokens but the model "
          + engine.model().path() + " has " + engine.model().vocabSize());
    }
    this.engine = engine;
    this.tokenizer = tokenizer;
    this.template = template;
    Set<Integer> eog = new HashSet<>();
    for (int i = 0; i < tokenizer.vocabSize(); i++) {
      if (tokenizer.isEndOfGeneration(i)) {
        eog.add(i);
      }
    }
    this.endOfGeneration = Set.copyOf(eog);
  }

  /**
   * Loads a model with its tokenizer and chat template: a GGUF carries both (the template is absent when the file
   * has no {@code tokenizer.chat_template} or one not implemented here); a llama2.c {@code .bin} checkpoint needs its
   * {@code llama2cTokenizer} file and has no template.
   */
  public static TextEngine load(Path model, ModelOptions options, Path llama2cTokenizer) throws IOException {
    return load(model, options, llama2cTokenizer, LlamaEngine.DEFAULT_PREFIX_CACHE_BYTES);
  }

  /** {@link #load(Path, ModelOptions, Path)} with a prefix cache of at most {@code prefixCacheBytes} of KV. */
  public static TextEngine load(Path model, ModelOptions options, Path llama2cTokenizer, long prefixCacheBytes)
      throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());
    }
    LlamaEngine e = LlamaEngine.load(model, options, prefixCacheBytes);
    try {
      LlamaModel m = e.model();
      if (llama2cTokenizer != null) {
        if (!Files.isRegularFile(llama2cTokenizer)) {
          throw new NoSuchFileException(llama2cTokenizer.toString());
        }
        return new TextEngine(e, Llama2cTokenizer.load(llama2cTokenizer, m.vocabSize()), null);
      }
      if (m.metadata().isEmpty()) {
        throw new IllegalArgumentException(model + " is a llama2.c checkpoint: give its tokenizer file (e.g. "
            + "tok512.bin)");
      }
      return new TextEngine(e, Tokenizer.fromGguf(m.metadata().get()), templateOf(m));
    } catch (IOException | RuntimeException | Error x) {
      e.close();
      throw x;
    }
  }

  /**
   * The chat template a GGUF model names, or null when it names none or one not implemented here (then a caller
   * chooses one by name: {@link #withChatTemplate}).
   */
  public static ChatTemplate templateOf(LlamaModel m) {
    if (m.metadata().isEmpty() || !m.metadata().get().has("tokenizer.chat_template")) {
      return null;
    }
    try {
      return ChatTemplate.fromGguf(m.metadata().get());
    } catch (ChatTemplateException notImplemented) {
      return null;
    }
  }

  /** This facade with another chat template (e.g. one named on the command line). */
  public TextEngine withChatTemplate(ChatTemplate t) {
    return new TextEngine(engine, tokenizer, t);
  }

  public LlamaEngine engine() {
    return engine;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The chat template, when the model has one. */
  public Optional<ChatTemplate> chatTemplate() {
    return Optional.ofNullable(template);
  }

  /** The model's context length in tokens. */
  public int contextLength() {
    return engine.model().contextLength();
  }

  /** The vocabulary's end-of-generation ids (EOS, EOT, ...). */
  public Set<Integer> endOfGenerationTokens() {
    return endOfGeneration;
  }

  /** Tokenizes a plain prompt. */
  public int[] encode(String text, boolean addBos, boolean parseSpecial) {
    return tokenizer.encode(text, addBos, parseSpecial);
  }

  /** Renders and tokenizes a conversation with the chat template, ending with the assistant's turn opening. */
  public int[] encodeChat(List<Message> messages) {
    return requireTemplate().encode(tokenizer, messages, true);
  }

  /** The chat template's end-of-turn markers, to add to a chat reply's stop strings. */
  public List<String> chatStopStrings() {
    return requireTemplate().stopStrings();
  }

  private ChatTemplate requireTemplate() {
    if (template == null) {
      throw new ChatTemplateException(engine.model().path() + " has no chat template: choose one by name (llama2, "
          + "llama3)");
    }
    return template;
  }

  /** Generates after {@code prompt} with the stop policy of this class, streaming released text to {@code onText}. */
  public TextGeneration generate(int[] prompt, SamplingParams params, TextListener onText) {
    TextStream ts = stream(params, onText);
    return ts.finish(engine.generate(prompt, ts.engineParams(), null, ts.tokens()));
  }

  /** The text side of a generation under this class's stop policy, for a caller that runs its own token loop. */
  public TextStream stream(SamplingParams params, TextListener onText) {
    return new TextStream(tokenizer, endOfGeneration, params, onText);
  }

  /**
   * Generates after {@code prompt} (BOS added, special-token text parsed when {@code parseSpecial}) with the stop
   * policy of this class; streams the released text to {@code onText} and returns the whole reply.
   */
  public String generate(String prompt, boolean parseSpecial, SamplingParams params, Consumer<String> onText) {
    return generate(tokenizer.encode(prompt, true, parseSpecial), params, piece -> {
      onText.accept(piece);
      return true;
    }).text();
  }

  /** Log-probabilities of {@code tokens[from..)} with the {@code top} alternatives at each position. */
  public List<TokenLogProb> tokenLogProbs(int[] tokens, int from, int top) {
    return engine.tokenLogProbs(tokens, from, top);
  }

  /** The text of one token as a client sees it (its piece, UTF-8 decoded; a partial character becomes U+FFFD). */
  public String tokenText(int id) {
    return new String(tokenizer.tokenBytes(id), java.nio.charset.StandardCharsets.UTF_8);
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

  /** Closes the engine (and the model). */
  @Override
  public void close() {
    engine.close();
  }
}
