package dev.llamakit.pipelines.filters.lmppl;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Step {@code lm_perplexity}: the perplexity of each document under a Llama GGUF model run on llamakit's pure-Java
 * engine — CCNet's KenLM perplexity filter with a neural language model in place of the 5-gram.
 *
 * <p><b>What is measured.</b> {@code raw_content} is tokenized with the model's own tokenizer (no special-token
 * parsing), without EOS: the document is scored as text that may continue, and a truncated one has no end. The
 * model reads BOS followed by the first {@code max_tokens} text tokens {@code t_1..t_N}; the perplexity is
 * {@code exp(-(1/N) Σ_{i=1..N} ln p(t_i | BOS, t_1..t_{i-1}))}: the mean is over the N text tokens, BOS is context
 * and never scored. A vocabulary without BOS makes the first text token the context and scores up to N after it.
 * Each log-probability is the token's logit minus the log-sum-exp of the whole vocabulary's logits, as the engine's
 * {@code loglikelihood} and {@code logprobs} compute it; the exponentials here are the Vector API's, summed in double
 * (within ~1e-8 of the engine's all-double sum, seven times faster). When {@code max_tokens + 1} exceeds the model's trained
 * context, the tokens are scored in overlapping windows of that context (see {@code DocumentScorer}).
 *
 * <p><b>Signals.</b> {@code <field>} (default {@code lm_perplexity}, a Double) and {@code <field>_tokens} (a Long,
 * the N scored tokens: less than {@code max_tokens} only for a shorter document). A document with no text token is
 * kept with {@code <field>_tokens = 0} and no perplexity. With {@code max_perplexity}, a document whose perplexity is
 * above it is dropped as {@code LM_PERPLEXITY_TOO_HIGH}; without it the step only measures.
 *
 * <p>The model is loaded once per worker in {@link #open()} (weights shared by the worker's threads); {@link #apply}
 * is thread-safe.
 */
public final class LmPerplexityFilter implements DocumentFilter {
  /** The perplexity is above {@code max_perplexity}. */
  public static final DropReason LM_PERPLEXITY_TOO_HIGH = DropReason.of("LM_PERPLEXITY_TOO_HIGH");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** A Llama GGUF file (model weights and tokenizer). Required. */
    public String model;
    /** Score at most the first this many tokens of a document. */
    public int maxTokens = 512;
    /**
     * Tokens per prompt-processing block of the engine (memory per scoring thread: {@code batch × vocab} floats of
     * logits). 64 scored ~20% more documents/s than the engine's default 32 on stories110M-shaped models.
     */
    public int batch = 64;
    /** Engine threads per worker (0: all cores). */
    public int threads = 1;
    /** Drop documents whose perplexity is above this; absent: measure only. */
    public Double maxPerplexity;
    /** Signal name of the perplexity; the token count goes to {@code <field>_tokens}. */
    public String field = "lm_perplexity";
  }

  private final String modelFile;
  private final int maxTokens;
  private final int batch;
  private final int threads;
  private final double maxPerplexity;
  private final String field;
  private final String tokensField;
  private transient volatile DocumentScorer scorer;

  public LmPerplexityFilter(Params p) {
    this.modelFile = checkModel(p.model);
    if (p.maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be >= 1, got " + p.maxTokens);
    }
    if (p.batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + p.batch);
    }
    if (p.threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0: all cores), got " + p.threads);
    }
    if (p.maxPerplexity != null && !(p.maxPerplexity >= 1)) {
      throw new IllegalArgumentException("max_perplexity must be >= 1 (a perplexity is never below 1), got "
          + p.maxPerplexity);
    }
    if (p.field == null || p.field.isBlank()) {
      throw new IllegalArgumentException("field must name the signal, got '" + p.field + "'");
    }
    this.maxTokens = p.maxTokens;
    this.batch = p.batch;
    this.threads = p.threads;
    this.maxPerplexity = p.maxPerplexity == null ? Double.NaN : p.maxPerplexity;
    this.field = p.field;
    this.tokensField = p.field + "_tokens";
  }

  /** Checked on the driver: the file exists, is readable and starts with the GGUF magic. */
  static String checkModel(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("parameter 'model' is required: a Llama GGUF file");
    }
    Path f = Path.of(model);
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException("model file " + model + " not found");
    }
    byte[] magic;
    try (InputStream in = Files.newInputStream(f)) {
      magic = in.readNBytes(4);
    } catch (IOException e) {
      throw new IllegalArgumentException("model file " + model + " cannot be read: " + e.getMessage(), e);
    }
    if (magic.length < 4 || magic[0] != 'G' || magic[1] != 'G' || magic[2] != 'U' || magic[3] != 'F') {
      throw new IllegalArgumentException("model file " + model + " is not a GGUF file");
    }
    return f.toAbsolutePath().toString();
  }

  /** The resolved model file. */
  public String modelFile() {
    return modelFile;
  }

  @Override
  public void open() throws IOException {
    close();
    scorer = DocumentScorer.open(Path.of(modelFile), maxTokens, batch, threads);
  }

  @Override
  public Verdict apply(Document d) {
    DocumentScorer s = scorer;
    if (s == null) {
      throw new IllegalStateException("lm_perplexity: open() was not called (model " + modelFile + ")");
    }
    LmScore score = s.score(d.rawContent());
    if (score.tokens() == 0) {
      return Verdict.keep().signal(tokensField, 0L);
    }
    double ppl = score.perplexity();
    Verdict v = ppl > maxPerplexity
        ? Verdict.drop(LM_PERPLEXITY_TOO_HIGH, String.format(Locale.ROOT, "perplexity %.3f > %s over %d tokens", ppl,
            maxPerplexity, score.tokens()))
        : Verdict.keep();
    return v.signal(field, ppl).signal(tokensField, (long) score.tokens());
  }

  @Override
  public void close() {
    DocumentScorer s = scorer;
    scorer = null;
    if (s != null) {
      s.close();
    }
  }
}
