package dev.llamakit.cli.pipelines;

import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.pipelines.filters.perplexity.GgufPieces;
import dev.llamakit.pipelines.filters.perplexity.PieceTokenizer;
import dev.llamakit.pipelines.filters.perplexity.SentencePiecePieces;
import dev.llamakit.pipelines.io.TextFiles;
import dev.llamakit.pipelines.lmtrain.ArpaWriter;
import dev.llamakit.pipelines.lmtrain.Discount;
import dev.llamakit.pipelines.lmtrain.EstimatedModel;
import dev.llamakit.pipelines.lmtrain.KneserNeyEstimator;
import dev.llamakit.pipelines.text.PerplexityNormalizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llamakit pipeline train-lm}: cc_net's language-model recipe for one language — every line (or JSONL
 * document) cc_net-normalised, SentencePiece-tokenised, an order-N modified Kneser-Ney model estimated as KenLM's
 * {@code lmplz --discount_fallback} does — written in cc_net's {@code lm_sp/} layout ({@code <lang>.sp.model} and
 * {@code <lang>.arpa.gz}) so the {@code perplexity} step can use the folder as it is.
 *
 * <p>With {@code --gguf FILE} instead of {@code --sp-model}, the tokenizer is that GGUF's (a vocab-only GGUF, or a
 * full model's; Llama 2 SentencePiece or Llama 3 BPE, as llama.cpp tokenizes) and the words are its tokens' piece
 * texts ({@link GgufPieces}); the folder gets {@code <lang>.gguf} beside {@code <lang>.arpa.gz}. The tokenizer file
 * is copied; {@code --link} makes {@code <lang>.<ext>} a symbolic link to it instead (for a full model GGUF, which
 * would otherwise be copied whole). A tokenizer of the other kind already in the folder for the language
 * ({@code <lang>.sp.model} when writing {@code <lang>.gguf}, or the reverse) is removed: it no longer matches the
 * n-gram model, and the {@code perplexity} step refuses a language with both.
 */
@Command(name = "train-lm", mixinStandardHelpOptions = true,
    description = {"Train a cc_net-style perplexity model for one language: normalise and SentencePiece-tokenise a",
      "reference corpus, estimate an order-N modified Kneser-Ney n-gram model (KenLM lmplz's estimator), and write",
      "<lang>.sp.model + <lang>.arpa.gz into a models folder for the perplexity step.",
      "With --gguf instead of --sp-model the tokenizer of a GGUF file (vocab-only or a full model; Llama 2",
      "SentencePiece or Llama 3 BPE) is used, its tokens' piece texts are the n-gram words, and the folder gets",
      "<lang>.gguf + <lang>.arpa.gz. Give exactly one of --sp-model and --gguf."},
    footer = {"", "Examples:",
      "  llamakit pipeline train-lm --language en --sp-model en.sp.model --output lm_sp wiki-en.txt",
      "  llamakit pipeline train-lm --language en --gguf ggml-vocab-llama-bpe.gguf --output lm_sp wiki-en.txt",
      "  llamakit pipeline train-lm --language en --gguf llama-3-8b.Q4_K_M.gguf --link --output lm_sp wiki-en.txt"})
public final class TrainLmCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Text files (one document or paragraph per "
      + "line; blank lines skipped) or JSONL(.gz) files with a text field.")
  List<Path> inputs;

  @Option(names = "--language", required = true, description = "Language code: the models are <lang>.sp.model and "
      + "<lang>.arpa.gz.")
  String language;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TokenizerChoice tokenizer;

  /** Exactly one tokenizer. */
  static final class TokenizerChoice {
    @Option(names = "--sp-model", required = true, paramLabel = "FILE", description = "The SentencePiece model to "
        + "tokenise with (written beside the n-gram model as <lang>.sp.model).")
    Path spModel;

    @Option(names = "--gguf", required = true, paramLabel = "FILE", description = "A GGUF file (vocab-only or a full "
        + "model) whose tokenizer tokenises; its tokens' piece texts are the words (written beside the n-gram model "
        + "as <lang>.gguf).")
    Path gguf;
  }

  @Option(names = {"--link", "--no-copy"}, description = "Write the tokenizer file as a symbolic link to FILE "
      + "instead of a copy (for a full model GGUF).")
  boolean link;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The models folder.")
  Path output;

  @Option(names = "--order", defaultValue = "5", description = "N-gram order (cc_net: ${DEFAULT-VALUE}).")
  int order;

  @Option(names = "--text-field", defaultValue = "text", description = "JSONL text field (default: ${DEFAULT-VALUE}).")
  String textField;

  @Override
  public Integer call() throws Exception {
    if (order < 1 || order > 9) {
      throw new IllegalArgumentException("--order must be between 1 and 9, not " + order);
    }
    boolean gguf = tokenizer.gguf != null;
    Path source = gguf ? tokenizer.gguf : tokenizer.spModel;
    PieceTokenizer pieces = gguf ? GgufPieces.open(source) : SentencePiecePieces.open(source);
    List<String> tokenized = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Path in : inputs) {
      TextFiles.forEachText(in, textField, text -> {
        String normalized = PerplexityNormalizer.normalize(text);
        if (!normalized.isEmpty()) {
          tokenized.add(String.join(" ", pieces.pieces(normalized)));
        }
      });
    }
    if (tokenized.isEmpty()) {
      throw new IllegalArgumentException("no text in " + inputs);
    }
    EstimatedModel lm = new KneserNeyEstimator(order).withDiscountFallback(Discount.LMPLZ_FALLBACK).estimate(tokenized);
    Files.createDirectories(output);
    Path arpa = output.resolve(language + ".arpa.gz");
    AtomicFile.write(arpa, stream -> {
      try (OutputStream out = new GZIPOutputStream(stream, 1 << 16)) {
        ArpaWriter.write(lm, out);
      }
    });
    Path spOut = output.resolve(language + (gguf ? PieceTokenizer.GGUF_SUFFIX : ".sp.model"));
    Path other = output.resolve(language + (gguf ? ".sp.model" : PieceTokenizer.GGUF_SUFFIX));
    if (!Files.exists(spOut) || !Files.isSameFile(spOut, source)) {
      AtomicFile.replace(spOut, tmp -> {
        if (link) {
          Files.delete(tmp);
          Files.createSymbolicLink(tmp, source.toAbsolutePath());
        } else {
          Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
      });
    }
    if (Files.deleteIfExists(other)) {
      System.out.println("removed " + other + ": it was the tokenizer of the n-gram model just replaced");
    }
    for (String stale : List.of(".arpa.bin", ".binary", ".arpa")) {
      // the perplexity step prefers these to .arpa.gz: an older model there would shadow the new one
      Path old = output.resolve(language + stale);
      if (Files.deleteIfExists(old)) {
        System.out.println("removed " + old + ": an older n-gram model that would shadow " + arpa.getFileName());
      }
    }
    StringBuilder counts = new StringBuilder();
    for (int k = 1; k <= order; k++) {
      counts.append(k == 1 ? "" : " / ").append(String.format("%,d", lm.size(k)));
    }
    System.out.printf("%,d lines, %,d tokens; %d-gram counts %s; %.1f s%n", tokenized.size(), lm.tokenCount(), order,
        counts, (System.nanoTime() - t0) / 1e9);
    System.out.println("models: " + output.toAbsolutePath() + " (" + spOut.getFileName() + ", " + arpa.getFileName()
        + ")");
    return 0;
  }
}
