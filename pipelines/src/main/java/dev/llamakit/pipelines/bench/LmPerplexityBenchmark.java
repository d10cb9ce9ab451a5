package dev.llamakit.pipelines.bench;

import dev.llamakit.engine.synth.ModelShape;
import dev.llamakit.engine.synth.SyntheticModel;
import dev.llamakit.engine.synth.TypeMix;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;

/**
 * Documents per second of the {@code lm_perplexity} rule on one thread, on a random-weight model of a real shape
 * ({@link SyntheticModel}, written to a temporary file unless {@code --model} names one) and generated English-like
 * documents (sentences of common words). Not a test: run it by hand. A model whose context is shorter than
 * {@code max_tokens + 1} (stories15M: 256) scores in overlapping windows and processes ~1.75x the scored tokens.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp CLASSPATH dev.llamakit.pipelines.bench.LmPerplexityBenchmark \
 *     --shape stories15M --type F32 --vocab ../shared/models/tokenizers/llama2/ggml-vocab-llama-spm.gguf \
 *     --documents 40 --chars 4000 --max-tokens 512 --threads 1
 * }</pre>
 */
public final class LmPerplexityBenchmark {
  private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or"
      + " his from at which but have an they you were her she there one all we their can has been if more when will"
      + " would who so no time people year way day man thing woman life child world school state family student"
      + " group country problem hand part place case week company system program question work government number"
      + " night point home water room mother area money story fact month lot right study book eye job word business"
      + " issue side kind head house service friend father power hour game line end member law car city community"
      + " name president team minute idea kid body information back parent face others level office door health"
      + " person art war history party result change morning reason research girl guy moment air teacher force").split(" ");

  private LmPerplexityBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = parse(args);
    String shape = a.getOrDefault("shape", "stories15M");
    TypeMix type = TypeMix.parse(a.getOrDefault("type", "F32"));
    Path vocab = a.containsKey("vocab") ? Path.of(a.get("vocab")) : null;
    int documents = Integer.parseInt(a.getOrDefault("documents", "40"));
    int chars = Integer.parseInt(a.getOrDefault("chars", "4000"));
    int maxTokens = Integer.parseInt(a.getOrDefault("max-tokens", "512"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
    Path model = a.containsKey("model") ? Path.of(a.get("model")) : null;
    String label = model == null ? shape + " " + type : model.getFileName().toString();
    Path temp = null;
    if (model == null) {
      temp = Files.createTempFile("lmppl-" + shape, ".gguf");
      model = temp;
      SyntheticModel.write(ModelShape.named(shape), type, vocab, 1, model);
    }
    try {
      run(model, label, documents, chars, maxTokens, threads, batch);
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  static void run(Path model, String label, int documents, int chars, int maxTokens, int threads, int batch)
      throws IOException {
    List<Document> docs = documents(documents, chars, 42);
    Map<String, Object> p = new HashMap<>();
    p.put("model", model.toString());
    p.put("max_tokens", maxTokens);
    p.put("threads", threads);
    p.put("batch", batch);
    DocumentFilter rule = FilterRegistry.standard().create("lm_perplexity", p);
    long t0 = System.nanoTime();
    rule.open();
    double load = (System.nanoTime() - t0) / 1e9;
    try {
      for (Document d : docs.subList(0, Math.min(3, docs.size()))) {
        rule.apply(d);
      }
      long tokens = 0;
      long t1 = System.nanoTime();
      for (Document d : docs) {
        Verdict v = rule.apply(d);
        tokens += (long) v.signals().number("lm_perplexity_tokens");
      }
      double s = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "model %s, %d docs of %d chars, max_tokens %d, batch %d, threads %d%n", label,
          docs.size(), chars, maxTokens, batch, threads);
      System.out.printf(Locale.ROOT, "load %.2f s; scoring %.2f s: %.2f docs/s, %.0f scored tokens/s (%.0f per doc)%n",
          load, s, docs.size() / s, tokens / s, (double) tokens / docs.size());
      System.out.printf(Locale.ROOT, "%s, preferred vector %d bits, %d cores%n", System.getProperty("os.arch"),
          FloatVector.SPECIES_PREFERRED.vectorBitSize(), Runtime.getRuntime().availableProcessors());
    } finally {
      rule.close();
    }
  }

  /** Deterministic English-like documents of about {@code chars} characters: sentences of common words. */
  static List<Document> documents(int n, int chars, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Document> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder(chars + 64);
      while (b.length() < chars) {
        int words = 6 + r.nextInt(14);
        for (int w = 0; w < words; w++) {
          String word = WORDS[r.nextInt(WORDS.length)];
          b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          b.append(w == words - 1 ? ". " : " ");
        }
        if (r.nextInt(5) == 0) {
          b.append('\n');
        }
      }
      String text = b.toString().strip();
      out.add(Document.read("bench-" + i, i, "http://example.com/" + i, null, null, text.length(), 1, null, null,
          text, null));
    }
    return out;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("usage: --name value pairs (shape, type, vocab, model, documents, chars,"
            + " max-tokens, threads, batch); got " + args[i]);
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
