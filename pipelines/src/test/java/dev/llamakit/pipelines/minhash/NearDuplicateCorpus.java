package dev.llamakit.pipelines.minhash;

import dev.llamakit.pipelines.doc.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test tooling: a deterministic corpus of unrelated documents plus planted near-duplicate pairs at known shingle
 * Jaccard similarities. Each pair is a base document and a variant made by one kind of change — word edits,
 * an inserted passage, boilerplate added around it, or its paragraphs reordered — whose strength is searched so the
 * pair's exact Jaccard (5-gram shingles, {@link Jaccard}) lands just below a target drawn uniformly from a range.
 * Words come from a synthetic 6,000-word vocabulary, so unrelated documents share almost no 5-gram.
 */
public final class NearDuplicateCorpus {
  /** How a variant differs from its base. */
  public enum Change { EDITS, INSERTION, BOILERPLATE, REORDERING }

  /** One planted pair: documents {@code a} and {@code b} (indexes in {@link #documents}) and their exact Jaccard. */
  public record Pair(int a, int b, Change change, double jaccard) {}

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "ge", "fo",
      "hu", "ja", "ze", "bri", "cla", "dro", "fli", "gra", "sto", "tre", "qua", "wen"};
  private static final String BOILERPLATE_WORDS;

  static {
    SplittableRandom r = new SplittableRandom(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      sb.append(i == 0 ? "" : " ").append(word(r.nextInt(6000)));
    }
    BOILERPLATE_WORDS = sb.toString();
  }

  private final List<Document> documents = new ArrayList<>();
  private final List<Pair> pairs = new ArrayList<>();
  private final int ngram;

  /**
   * @param pairs planted pairs
   * @param singles unrelated documents
   * @param words words per base document
   * @param minJaccard lowest target similarity
   * @param maxJaccard highest target similarity
   */
  public NearDuplicateCorpus(long seed, int pairs, int singles, int words, double minJaccard, double maxJaccard,
      int ngram) {
    this.ngram = ngram;
    SplittableRandom rnd = new SplittableRandom(seed);
    Change[] changes = Change.values();
    for (int p = 0; p < pairs; p++) {
      String base = text(rnd, words);
      Change c = changes[p % changes.length];
      double target = minJaccard + (maxJaccard - minJaccard) * rnd.nextDouble();
      long variantSeed = rnd.nextLong();
      String variant = variant(base, c, target, variantSeed);
      int a = add(base);
      int b = add(variant);
      this.pairs.add(new Pair(a, b, c, jaccard(base, variant)));
    }
    for (int s = 0; s < singles; s++) {
      add(text(rnd, words));
    }
  }

  public List<Document> documents() {
    return documents;
  }

  public List<Pair> pairs() {
    return pairs;
  }

  private int add(String text) {
    int i = documents.size();
    documents.add(Document.read("gen.jsonl#" + (i + 1), i + 1, "http://gen.example/" + (i + 1), null, null,
        text.length(), (int) text.lines().count(), "gen.example", "doc " + (i + 1), text, "gen.jsonl"));
    return i;
  }

  double jaccard(String a, String b) {
    return Jaccard.of(Shingles.sortedSet(Shingles.ofText(a, ngram)), Shingles.sortedSet(Shingles.ofText(b, ngram)));
  }

  /** The variant of {@code base} whose Jaccard with it is the largest at or below {@code target}. */
  private String variant(String base, Change c, double target, long seed) {
    int lo = 0;
    int hi = base.split(" ").length * (c == Change.INSERTION ? 3 : 1);
    String best = apply(base, c, hi, seed);
    while (lo <= hi) { // the smallest strength whose Jaccard is <= target
      int mid = (lo + hi) >>> 1;
      String v = apply(base, c, mid, seed);
      if (jaccard(base, v) <= target) {
        best = v;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return best;
  }

  /** {@code base} changed with strength {@code k} (the same positions for the same seed, so strength is monotone). */
  static String apply(String base, Change c, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> words = new ArrayList<>(List.of(base.replace('\n', ' ').split(" ")));
    switch (c) {
      case EDITS -> {
        int[] order = permutation(words.size(), r);
        for (int i = 0; i < k && i < order.length; i++) {
          words.set(order[i], word(r.nextInt(6000)));
        }
        return wrap(words);
      }
      case INSERTION -> {
        int at = r.nextInt(words.size() + 1);
        List<String> ins = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          ins.add(word(r.nextInt(6000)));
        }
        words.addAll(at, ins);
        return wrap(words);
      }
      case BOILERPLATE -> {
        String[] bp = BOILERPLATE_WORDS.split(" ");
        int head = k / 2;
        List<String> out = new ArrayList<>(List.of(bp).subList(0, Math.min(head, bp.length)));
        out.addAll(words);
        out.addAll(List.of(bp).subList(bp.length - Math.min(k - head, bp.length), bp.length));
        return wrap(out);
      }
      case REORDERING -> {
        // k cuts: the text in k + 1 pieces, shuffled
        int n = words.size();
        int[] cuts = permutation(n - 1, r);
        int pieces = Math.min(k, n - 1);
        int[] at = new int[pieces];
        for (int i = 0; i < pieces; i++) {
          at[i] = cuts[i] + 1;
        }
        java.util.Arrays.sort(at);
        List<List<String>> parts = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
          parts.add(words.subList(from, cut));
          from = cut;
        }
        parts.add(words.subList(from, n));
        for (int i = parts.size() - 1; i > 0; i--) {
          java.util.Collections.swap(parts, i, r.nextInt(i + 1));
        }
        List<String> out = new ArrayList<>();
        parts.forEach(out::addAll);
        return wrap(out);
      }
      default -> throw new IllegalStateException();
    }
  }

  private static int[] permutation(int n, SplittableRandom r) {
    int[] p = new int[Math.max(0, n)];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    for (int i = p.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static String text(SplittableRandom r, int words) {
    List<String> w = new ArrayList<>(words);
    for (int i = 0; i < words; i++) {
      w.add(word(r.nextInt(6000)));
    }
    return wrap(w);
  }

  /** Words in lines of twelve, the first capitalised and the last ending a sentence. */
  private static String wrap(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        sb.append(i % 12 == 0 ? ".\n" : " ");
      }
      sb.append(words.get(i));
    }
    return sb.append('.').toString();
  }

  /** Vocabulary word {@code i}: three syllables from its digits in base 24 (6,000 < 24³ distinct words). */
  static String word(int i) {
    return SYLLABLES[i % 24] + SYLLABLES[(i / 24) % 24] + SYLLABLES[(i / 576) % 24];
  }
}
