package dev.llamakit.pipelines.filters.perplexity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.io.TextFiles;
import dev.llamakit.pipelines.kenlm.NgramModel;
import dev.llamakit.pipelines.lmtrain.ArpaWriter;
import dev.llamakit.pipelines.lmtrain.Discount;
import dev.llamakit.pipelines.lmtrain.EstimatedModel;
import dev.llamakit.pipelines.lmtrain.KneserNeyEstimator;
import dev.llamakit.pipelines.text.PerplexityNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cc_net-style perplexity on GGUF vocabularies, end to end: the models folder {@code pipeline train-lm --gguf} writes
 * (order 3; built here with the same library calls, the command itself is tested in cli/) on 400 lines of
 * WikiText-2 valid with the Llama 2 SentencePiece and the Llama 3 BPE vocab-only GGUFs, then the {@code perplexity}
 * step on WikiText-2 test lines: real text scores lower than the same words shuffled, the step's numbers equal an
 * independent computation (normalise, the engine tokenizer's pieces, {@code NgramModel.score}, cc_net's formula), and
 * bad models folders are errors naming the files.
 */
class GgufPerplexityTest {
  private static final int TRAIN_LINES = 400;
  private static final int TEST_LINES = 60;

  @TempDir static Path tmp;
  private static final Map<String, Path> TRAINED = new HashMap<>();

  static Path vocab(String which) {
    return switch (which) {
      case "llama2" -> SharedFiles.require("models/tokenizers/llama2/ggml-vocab-llama-spm.gguf");
      case "llama3" -> SharedFiles.require("models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf");
      default -> throw new IllegalArgumentException(which);
    };
  }

  /** The models folder trained with {@code which}'s vocabulary (once per class). */
  static synchronized Path models(String which) throws IOException {
    Path done = TRAINED.get(which);
    if (done != null) {
      return done;
    }
    Path gguf = vocab(which);
    List<String> lines = paragraphs("data/web/wikitext-2/valid.txt", TRAIN_LINES);
    Path train = tmp.resolve(which + "-train.txt");
    Files.write(train, lines, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(tmp.resolve(which + "-lm"));
    // what `pipeline train-lm --language en --gguf VOCAB --order 3 --output OUT TRAIN` writes: every line
    // cc_net-normalised, the GGUF tokenizer's pieces as words, lmplz's estimator, <lang>.arpa.gz + <lang>.gguf
    PieceTokenizer pieces = GgufPieces.open(gguf);
    List<String> tokenized = new ArrayList<>();
    TextFiles.forEachText(train, "text", text -> {
      String normalized = PerplexityNormalizer.normalize(text);
      if (!normalized.isEmpty()) {
        tokenized.add(String.join(" ", pieces.pieces(normalized)));
      }
    });
    assertEquals(lines.size(), tokenized.size());
    EstimatedModel lm = new KneserNeyEstimator(3).withDiscountFallback(Discount.LMPLZ_FALLBACK).estimate(tokenized);
    try (OutputStream arpa = new GZIPOutputStream(Files.newOutputStream(out.resolve("en.arpa.gz")))) {
      ArpaWriter.write(lm, arpa);
    }
    Files.copy(gguf, out.resolve("en" + PieceTokenizer.GGUF_SUFFIX));
    assertTrue(Files.isRegularFile(out.resolve("en.gguf")));
    assertTrue(Files.isRegularFile(out.resolve("en.arpa.gz")));
    assertFalse(Files.exists(out.resolve("en.sp.model")));
    TRAINED.put(which, out);
    return out;
  }

  /** The first {@code n} WikiText paragraphs (not headings, not blank) of a shared file. */
  static List<String> paragraphs(String shared, int n) throws IOException {
    try (Stream<String> s = Files.lines(SharedFiles.require(shared), StandardCharsets.UTF_8)) {
      return s.filter(l -> l.length() > 200 && !l.strip().startsWith("=")).limit(n).toList();
    }
  }

  static Document doc(String text) {
    return Document.read("t#1", 1, "u", null, null, text.length(), 1, "x", "", text, null)
        .withLanguage(new Document.Language("en", 0.99));
  }

  static Double perplexity(DocumentFilter step, String text) {
    Verdict v = step.apply(doc(text));
    assertTrue(v.kept());
    return v.changed() == null ? null : (Double) v.changed().signals().get(PerplexityFilter.FIELD);
  }

  static String shuffleWords(String text, long seed) {
    List<String> words = new ArrayList<>(Arrays.asList(text.strip().split(" +")));
    Collections.shuffle(words, new Random(seed));
    return String.join(" ", words);
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama2", "llama3"})
  void inDomainTextScoresLowerThanShuffledWords(String which) throws Exception {
    Path dir = models(which);
    DocumentFilter step = FilterRegistry.standard().create("perplexity", Map.of("models", dir.toString()));
    step.open();
    try {
      List<String> test = paragraphs("data/web/wikitext-2/test.txt", TEST_LINES);
      int lower = 0;
      double sumReal = 0;
      double sumShuffled = 0;
      for (int i = 0; i < test.size(); i++) {
        double real = perplexity(step, test.get(i));
        double shuffled = perplexity(step, shuffleWords(test.get(i), i));
        assertTrue(real > 1 && Double.isFinite(real), "perplexity " + real);
        if (real < shuffled) {
          lower++;
        }
        sumReal += Math.log(real);
        sumShuffled += Math.log(shuffled);
      }
      double gmReal = Math.exp(sumReal / test.size());
      double gmShuffled = Math.exp(sumShuffled / test.size());
      System.out.printf("%s: WikiText test %.1f, shuffled %.1f (geometric means); real lower in %d of %d%n", which,
          gmReal, gmShuffled, lower, test.size());
      assertEquals(test.size(), lower, "every real paragraph scores lower than its words shuffled");
      assertTrue(gmShuffled > 1.5 * gmReal, gmReal + " vs " + gmShuffled);
      assertNull(step.apply(doc("")).changed(), "no pieces: no perplexity, as cc_net");
    } finally {
      step.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama2", "llama3"})
  void stepByStepEqualsAnIndependentComputation(String which) throws Exception {
    Path dir = models(which);
    Path gguf = dir.resolve("en.gguf");
    String[] vocabulary;
    try (GgufFile f = GgufFile.open(gguf)) {
      vocabulary = f.metadata().getStringArray("tokenizer.ggml.tokens");
    }
    Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
    List<String> docs = new ArrayList<>(paragraphs("data/web/wikitext-2/test.txt", TEST_LINES));
    docs.addAll(List.of("", " ", "\n\n", "a", "<s> </s> <unk> <|eot_id|>", "Line one.\nLine two\ttabbed  spaced",
        "Ünïcödé – “quotes” 12,345 \u4e2d\u6587 \ud83d\ude00", "\u2581 \u0120"));
    DocumentFilter step = FilterRegistry.standard().create("perplexity", Map.of("models", dir.toString()));
    step.open();
    List<String> mismatches = new ArrayList<>();
    int marked = 0;
    try (NgramModel lm = NgramModel.open(dir.resolve("en.arpa.gz"));
        CcNetPerplexity pp = CcNetPerplexity.open(gguf, dir.resolve("en.arpa.gz"))) {
      assertTrue(pp.tokenizer() instanceof GgufPieces);
      for (String raw : docs) {
        String normalized = PerplexityNormalizer.normalize(raw);
        int[] ids = normalized.isEmpty() ? new int[0] : tokenizer.encode(normalized, false, false);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
          String p = vocabulary[id];
          assertFalse(p.isEmpty() || p.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0xA0), p);
          pieces.add(p);
          if (p.indexOf(which.equals("llama2") ? '\u2581' : '\u0120') >= 0) {
            marked++;
          }
        }
        String tokenized = String.join(" ", pieces);
        float log10 = lm.score(tokenized);
        int length = ids.length + 1;
        Double perplexity = ids.length == 0 ? null
            : new BigDecimal(Math.pow(10.0, -log10 / (double) length)).setScale(1, RoundingMode.HALF_EVEN)
                .doubleValue();
        CcNetPerplexity.Score expected = new CcNetPerplexity.Score(tokenized, log10, length, perplexity);
        CcNetPerplexity.Score slow = pp.scoreStepByStep(raw);
        CcNetPerplexity.Score fast = pp.score(raw);
        if (!same(expected, slow) || !same(expected, fast) || !Objects.equals(perplexity, pp.perplexity(raw))
            || !Objects.equals(perplexity, perplexity(step, raw))) {
          mismatches.add(raw + ": expected " + expected + ", step by step " + slow + ", fast " + fast);
        }
      }
    } finally {
      step.close();
    }
    assertEquals(List.of(), mismatches);
    assertTrue(marked > 1000, "pieces carry the vocabulary's space marker: " + marked);
  }

  private static boolean same(CcNetPerplexity.Score a, CcNetPerplexity.Score b) {
    return a.tokenized().equals(b.tokenized()) && a.length() == b.length()
        && Float.floatToIntBits(a.log10()) == Float.floatToIntBits(b.log10())
        && Objects.equals(a.perplexity(), b.perplexity());
  }

  @Test
  void bothTokenizersForALanguageIsAnError(@TempDir Path dir) throws Exception {
    Path trained = models("llama2");
    Files.copy(trained.resolve("en.gguf"), dir.resolve("en.gguf"));
    Files.copy(trained.resolve("en.arpa.gz"), dir.resolve("en.arpa.gz"));
    Files.copy(SharedFiles.require("golden/kenlm/sp.model"), dir.resolve("en.sp.model"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("perplexity", Map.of("models", dir.toString())));
    assertTrue(e.getMessage().contains("en.sp.model") && e.getMessage().contains("en.gguf"), e.getMessage());
  }

  @Test
  void anNgramModelWithoutTokenizerIsAnError(@TempDir Path dir) throws Exception {
    Files.copy(models("llama2").resolve("en.arpa.gz"), dir.resolve("en.arpa.gz"));
    var e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("perplexity", Map.of("models", dir.toString())));
    assertTrue(e.getMessage().contains("en.sp.model") && e.getMessage().contains("en.gguf"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "truncated", "no-tokenizer"})
  void aCorruptGgufIsAnErrorNamingIt(String kind, @TempDir Path dir) throws Exception {
    Path trained = models("llama2");
    Files.copy(trained.resolve("en.arpa.gz"), dir.resolve("en.arpa.gz"));
    Path gguf = dir.resolve("en.gguf");
    byte[] real = Files.readAllBytes(trained.resolve("en.gguf"));
    switch (kind) {
      case "garbage" -> Files.writeString(gguf, "this is not a GGUF file, only some text that is long enough");
      case "truncated" -> Files.write(gguf, Arrays.copyOf(real, 4000));
      default -> Files.write(gguf, ggufWithoutKeys());
    }
    var e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("perplexity", Map.of("models", dir.toString())));
    assertTrue(e.getMessage().contains(gguf.toString()), e.getMessage());
  }

  /** A valid GGUF v3 header with no tensors and no metadata: no tokenizer. */
  private static byte[] ggufWithoutKeys() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(GgufFile.MAGIC).putInt(3).putLong(0).putLong(0);
    return b.array();
  }

  @Test
  void lmWordEscapesWhitespaceAndKenlmsReservedWords() {
    assertEquals("\u2581the", GgufPieces.lmWord("\u2581the"));
    assertEquals("\u0120the", GgufPieces.lmWord("\u0120the"));
    assertEquals("<0x0A>", GgufPieces.lmWord("<0x0A>"));
    assertEquals("a\u2581b\u2581\u2581c", GgufPieces.lmWord("a b\t\u00a0c"));
    assertEquals("x\u2581", GgufPieces.lmWord("x\0"));
    assertEquals("<s>\u2581", GgufPieces.lmWord("<s>"));
    assertEquals("</s>\u2581", GgufPieces.lmWord("</s>"));
    assertEquals("<unk>\u2581", GgufPieces.lmWord("<unk>"));
    assertEquals("\u2581", GgufPieces.lmWord(""));
    assertEquals("<|eot_id|>", GgufPieces.lmWord("<|eot_id|>"));
  }
}
