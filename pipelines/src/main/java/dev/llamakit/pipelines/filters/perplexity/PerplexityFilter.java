package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * cc_net's perplexity step: for a document whose language has a model in {@code models}, adds {@code perplexity}
 * ({@link CcNetPerplexity}: cc_net's normalisation, SentencePiece or a GGUF vocabulary's tokens, KenLM n-gram,
 * cc_net's formula and rounding).
 * Documents in languages without a model get no perplexity and go on (the {@code bucket} step puts them in
 * {@code all}); with {@code max_perplexity} set, documents above it are dropped as {@code PERPLEXITY_TOO_HIGH}.
 *
 * <p>{@code models} is a folder laid out as cc_net's {@code lm_sp/}: {@code <lang>.sp.model} beside
 * {@code <lang>.arpa.bin} (KenLM's probing binary, memory-mapped) or {@code <lang>.arpa} / {@code <lang>.arpa.gz}.
 * In place of {@code <lang>.sp.model} a language may have {@code <lang>.gguf}: a vocab-only or full model GGUF whose
 * tokenizer (Llama 2 SentencePiece or Llama 3 BPE, {@link GgufPieces}) made the pieces the n-gram model was trained
 * on ({@code llamakit pipeline train-lm --gguf}). A language with both, or an n-gram model with neither, is an error
 * naming the files.
 * Every model is loaded once on the driver when the recipe is compiled, so a missing, truncated or wrong-format
 * file is an error naming it before the pipeline starts; each worker loads them again in {@link #open()}.
 */
public final class PerplexityFilter implements DocumentFilter {
  /** The field cc_net writes. */
  public static final String FIELD = "perplexity";
  public static final DropReason PERPLEXITY_TOO_HIGH = DropReason.of("PERPLEXITY_TOO_HIGH");
  private static final List<String> LM_SUFFIXES = List.of(".arpa.bin", ".binary", ".arpa", ".arpa.gz");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /**
     * A folder of {@code <lang>.sp.model} (or {@code <lang>.gguf}) + {@code <lang>.arpa.bin} (or .arpa, .arpa.gz)
     * pairs (cc_net's lm_sp/), or the name of a bundled model ({@code wikitext2-en}).
     */
    public String models;
    /** Languages to score (empty: every language with a model in the folder). */
    public List<String> languages = new ArrayList<>();
    /** Drop documents whose perplexity is above this (absent: never drop). */
    public Double maxPerplexity;
  }

  /** A language's two model files: its tokenizer ({@code .sp.model} or {@code .gguf}) and its n-gram model. */
  record LanguageModels(String tokenizer, String lm) implements Serializable {}

  private static final String SP_SUFFIX = ".sp.model";

  private final String bundled;
  private final Map<String, LanguageModels> files;
  private final double maxPerplexity;
  private transient Map<String, CcNetPerplexity> scorers;

  public PerplexityFilter(Params p) {
    if (p.models == null || p.models.isBlank()) {
      throw new IllegalArgumentException(
          "models: name the folder of <lang>.sp.model (or <lang>.gguf) and <lang>.arpa.bin files");
    }
    this.bundled = BundledModels.isBundled(p.models) ? p.models : null;
    try {
      this.files = find(bundled != null ? BundledModels.folder(bundled) : Path.of(p.models), p.languages);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    this.maxPerplexity = p.maxPerplexity == null ? Double.NaN : p.maxPerplexity;
    try {
      open();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } finally {
      close();
    }
  }

  /** The languages this step scores. */
  public List<String> languages() {
    return List.copyOf(files.keySet());
  }

  static Map<String, LanguageModels> find(Path dir, List<String> wanted) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "perplexity models folder not found");
    }
    TreeSet<String> langs = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        String name = f.getFileName().toString();
        for (String suffix : tokenizerAndLmSuffixes()) {
          if (name.endsWith(suffix) && name.length() > suffix.length()) {
            langs.add(name.substring(0, name.length() - suffix.length()));
            break;
          }
        }
      }
    }
    Map<String, LanguageModels> m = new TreeMap<>();
    for (String lang : langs) {
      if (!wanted.isEmpty() && !wanted.contains(lang)) {
        continue;
      }
      Path sp = dir.resolve(lang + SP_SUFFIX);
      Path gguf = dir.resolve(lang + PieceTokenizer.GGUF_SUFFIX);
      boolean hasSp = Files.isRegularFile(sp);
      boolean hasGguf = Files.isRegularFile(gguf);
      Path lm = null;
      for (String suffix : LM_SUFFIXES) {
        Path c = dir.resolve(lang + suffix);
        if (Files.isRegularFile(c)) {
          lm = c;
          break;
        }
      }
      if (hasSp && hasGguf) {
        throw new IOException(sp + " and " + gguf + ": two tokenizers for language " + lang + "; keep one of them");
      }
      if (!hasSp && !hasGguf) {
        if (lm == null) {
          continue; // a folder named like a model file: not a model
        }
        throw new NoSuchFileException(lm.toString(), null, "no tokenizer beside it (looked for " + sp.getFileName()
            + " and " + gguf.getFileName() + ")");
      }
      Path tokenizer = hasSp ? sp : gguf;
      if (lm == null) {
        throw new NoSuchFileException(dir.resolve(lang + ".arpa.bin").toString(), null,
            "no KenLM model beside " + tokenizer.getFileName() + " (looked for " + String.join(", ", LM_SUFFIXES)
                + ")");
      }
      m.put(lang, new LanguageModels(tokenizer.toAbsolutePath().toString(), lm.toAbsolutePath().toString()));
    }
    for (String w : wanted) {
      if (!m.containsKey(w)) {
        throw new NoSuchFileException(dir.resolve(w + SP_SUFFIX).toString(), null,
            "languages names " + w + " but the models folder has no model for it (neither " + w + SP_SUFFIX + " nor "
                + w + PieceTokenizer.GGUF_SUFFIX + ")");
      }
    }
    if (m.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null,
          "no <lang>.sp.model or <lang>.gguf files in the perplexity models folder");
    }
    return m;
  }

  private static List<String> tokenizerAndLmSuffixes() {
    List<String> l = new ArrayList<>(List.of(SP_SUFFIX, PieceTokenizer.GGUF_SUFFIX));
    l.addAll(LM_SUFFIXES);
    return l;
  }

  @Override
  public void open() throws IOException {
    if (bundled != null) {
      BundledModels.folder(bundled); // a worker on another machine extracts its own copy
    }
    Map<String, CcNetPerplexity> s = new TreeMap<>();
    try {
      for (Map.Entry<String, LanguageModels> e : files.entrySet()) {
        s.put(e.getKey(), CcNetPerplexity.open(Path.of(e.getValue().tokenizer()), Path.of(e.getValue().lm())));
      }
    } catch (IOException | RuntimeException e) {
      s.values().forEach(CcNetPerplexity::close);
      throw e;
    }
    scorers = s;
  }

  @Override
  public Verdict apply(Document d) {
    CcNetPerplexity scorer = d.language() == null ? null : scorers.get(d.language().label());
    if (scorer == null) {
      return Verdict.keep();
    }
    Double perplexity = scorer.perplexity(d.rawContent());
    if (perplexity == null) {
      return Verdict.keep();
    }
    if (perplexity > maxPerplexity) {
      return Verdict.drop(PERPLEXITY_TOO_HIGH, d.language().label() + " " + perplexity + " > " + maxPerplexity);
    }
    return Verdict.keep(d.withSignal(FIELD, perplexity));
  }

  @Override
  public void close() {
    if (scorers != null) {
      scorers.values().forEach(CcNetPerplexity::close);
      scorers = null;
    }
  }
}
