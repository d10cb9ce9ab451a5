package dev.llamakit.pipelines.cli;

import dev.llamakit.pipelines.io.TextFiles;
import dev.llamakit.pipelines.lmtrain.ArpaWriter;
import dev.llamakit.pipelines.lmtrain.Discount;
import dev.llamakit.pipelines.lmtrain.KneserNeyEstimator;
import dev.llamakit.pipelines.lmtrain.EstimatedModel;
import dev.llamakit.pipelines.sentencepiece.SentencePieceModel;
import dev.llamakit.pipelines.text.PerplexityNormalizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llamakit pipeline train-lm}: cc_net's language-model recipe for one language — every line (or JSONL
 * document) cc_net-normalised, SentencePiece-tokenised, an order-N modified Kneser-Ney model estimated as KenLM's
 * {@code lmplz --discount_fallback} does — written in cc_net's {@code lm_sp/} layout ({@code <lang>.sp.model} and
 * {@code <lang>.arpa.gz}) so the {@code perplexity} step can use the folder as it is.
 */
@Command(name = "train-lm", mixinStandardHelpOptions = true,
    description = {"Train a cc_net-style perplexity model for one language: normalise and SentencePiece-tokenise a",
      "reference corpus, estimate an order-N modified Kneser-Ney n-gram model (KenLM lmplz's estimator), and write",
      "<lang>.sp.model + <lang>.arpa.gz into a models folder for the perplexity step."},
    footer = {"", "Example:",
      "  llamakit pipeline train-lm --language en --sp-model en.sp.model --output lm_sp wiki-en.txt"})
public final class TrainLmCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Text files (one document or paragraph per "
      + "line; blank lines skipped) or JSONL(.gz) files with a text field.")
  List<Path> inputs;

  @Option(names = "--language", required = true, description = "Language code: the models are <lang>.sp.model and "
      + "<lang>.arpa.gz.")
  String language;

  @Option(names = "--sp-model", required = true, paramLabel = "FILE", description = "The SentencePiece model to "
      + "tokenise with (copied beside the n-gram model).")
  Path spModel;

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
    SentencePieceModel sp = SentencePieceModel.load(spModel);
    List<String> tokenized = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Path in : inputs) {
      TextFiles.forEachText(in, textField, text -> {
        String normalized = PerplexityNormalizer.normalize(text);
        if (!normalized.isEmpty()) {
          tokenized.add(String.join(" ", sp.encodeAsPieces(normalized)));
        }
      });
    }
    if (tokenized.isEmpty()) {
      throw new IllegalArgumentException("no text in " + inputs);
    }
    EstimatedModel lm = new KneserNeyEstimator(order).withDiscountFallback(Discount.LMPLZ_FALLBACK).estimate(tokenized);
    Files.createDirectories(output);
    Path arpa = output.resolve(language + ".arpa.gz");
    Path tmp = output.resolve(language + ".arpa.gz.tmp");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      ArpaWriter.write(lm, out);
    }
    Files.move(tmp, arpa, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path spOut = output.resolve(language + ".sp.model");
    if (!Files.exists(spOut) || !Files.isSameFile(spOut, spModel)) {
      Path spTmp = output.resolve(language + ".sp.model.tmp");
      Files.copy(spModel, spTmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(spTmp, spOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
