package dev.llamakit.pipelines.filters.gopher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link GopherRepetitionFilter} gives the same verdict, reason, detail and signals as the earlier
 * implementation ({@link ReferenceGopherRepetition}) on generated documents full of repeated words, n-grams,
 * lines and paragraphs, odd whitespace and surrogates, under several parameter sets.
 */
class GopherRepetitionEquivalenceTest {
  private static final String[] VOCAB = {"the", "of", "and", "a", "to", "in", "is", "was", "cat", "dog", "sat",
      "on", "mat", "river", "Gutenberg", "@-@", "@,@", ".", ",", "—", "naïve", "café", "日本語", "😀", "a😀b",
      "\uDC00", "x\uDC00", "\uD800", "ab", "abc", "b", "c", "bc", "1", "12", "123", "THE", "The", "word",
      "longerwordthanusual", "é", "e\u0301"};
  private static final String[] SPACES = {" ", " ", " ", " ", " ", "  ", "\t", "\u00A0", "\u2003", "\u3000",
      "\u0085", "\u001C", "\u000B", "\r", "\r\n", "\u2028"};

  private static List<GopherRepetitionFilter.Params> paramSets() {
    List<GopherRepetitionFilter.Params> out = new ArrayList<>();
    for (String method : List.of("paper", "datatrove")) {
      GopherRepetitionFilter.Params p = new GopherRepetitionFilter.Params();
      p.ngramMethod = method;
      out.add(p);
      GopherRepetitionFilter.Params loose = new GopherRepetitionFilter.Params();
      loose.ngramMethod = method;
      loose.maxDuplicateLineFraction = 1;
      loose.maxDuplicateParagraphFraction = 1;
      loose.maxDuplicateLineCharFraction = 1;
      loose.maxDuplicateParagraphCharFraction = 1;
      loose.maxTopNgramCharFraction = new ArrayList<>(List.of(0.5, 0.4, 0.3, 0.3, 0.2));
      loose.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.05,
          0.0));
      out.add(loose);
      GopherRepetitionFilter.Params few = new GopherRepetitionFilter.Params();
      few.ngramMethod = method;
      few.maxTopNgramCharFraction = new ArrayList<>(List.of(0.2));
      few.maxDuplicateNgramCharFraction = new ArrayList<>();
      out.add(few);
      GopherRepetitionFilter.Params none = new GopherRepetitionFilter.Params();
      none.ngramMethod = method;
      none.maxTopNgramCharFraction = new ArrayList<>();
      none.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0));
      out.add(none);
    }
    return out;
  }

  private static String words(SplittableRandom r, int n, int vocab) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(r.nextInt(8) == 0 ? SPACES[r.nextInt(SPACES.length)] : " ");
      }
      b.append(VOCAB[r.nextInt(Math.min(vocab, VOCAB.length))]);
    }
    return b.toString();
  }

  /** A document of lines and paragraphs, some copied, some with copied phrases, sometimes padded. */
  static String document(SplittableRandom r) {
    int vocab = 2 + r.nextInt(VOCAB.length);
    List<String> pieces = new ArrayList<>();
    int count = r.nextInt(40);
    for (int i = 0; i < count; i++) {
      int kind = r.nextInt(10);
      if (kind < 3 && !pieces.isEmpty()) {
        pieces.add(pieces.get(r.nextInt(pieces.size()))); // a repeated line or paragraph
      } else if (kind < 5 && !pieces.isEmpty()) { // a repeated phrase inside new text
        String old = pieces.get(r.nextInt(pieces.size()));
        int a = r.nextInt(old.length() + 1);
        int b = a + r.nextInt(old.length() - a + 1);
        pieces.add(words(r, r.nextInt(5), vocab) + " " + old.substring(a, b) + " " + words(r, r.nextInt(5), vocab));
      } else {
        pieces.add(words(r, r.nextInt(30), vocab));
      }
    }
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append(SPACES[r.nextInt(SPACES.length)]).append(r.nextBoolean() ? "\n\n" : "\n");
    }
    for (int i = 0; i < pieces.size(); i++) {
      if (i > 0) {
        b.append(switch (r.nextInt(6)) {
          case 0, 1 -> "\n\n";
          case 2 -> "\n\n\n";
          case 3 -> "\n \n";
          default -> "\n";
        });
      }
      b.append(pieces.get(i));
    }
    if (r.nextInt(4) == 0) {
      b.append(r.nextBoolean() ? "\n\n" : "\n ").append(SPACES[r.nextInt(SPACES.length)]);
    }
    return b.toString();
  }

  private static void assertSame(GopherRepetitionFilter fast, ReferenceGopherRepetition ref, String text) {
    Document d = Docs.of(text);
    Verdict want = ref.apply(d);
    Verdict got = fast.apply(d);
    java.util.function.Supplier<String> where = () -> "on " + text.replace("\n", "\\n");
    assertEquals(want.kept(), got.kept(), where);
    assertEquals(want.reason(), got.reason(), where);
    assertEquals(want.detail(), got.detail(), where);
    assertEquals(want.signals().asMap(), got.signals().asMap(), where);
    assertEquals(List.copyOf(want.signals().asMap().keySet()), List.copyOf(got.signals().asMap().keySet()), where);
  }

  @Test
  void sameVerdictsAndSignalsAsTheReferenceOnGeneratedDocuments() {
    List<GopherRepetitionFilter.Params> params = paramSets();
    List<GopherRepetitionFilter> fast = params.stream().map(GopherRepetitionFilter::new).toList();
    List<ReferenceGopherRepetition> ref = params.stream().map(ReferenceGopherRepetition::new).toList();
    SplittableRandom r = new SplittableRandom(20240601);
    for (int doc = 0; doc < 3000; doc++) {
      String text = document(r);
      for (int i = 0; i < params.size(); i++) {
        assertSame(fast.get(i), ref.get(i), text);
      }
    }
  }

  @Test
  void sameOnEdgeCases() {
    List<String> texts = List.of("", " ", "\n", "\n\n", "a", "a a", "a b a b", "\uDC00", "a \uDC00 a a a a",
        "a b \uDC00\uDC00 a b a b", "\uD83D\uDE00 \uD83D\uDE00", "x\n\nx\n\nx", "\n\nx\n\nx\n\n", "x\n\n\n\nx",
        "a b c d e f g h i j k a b c d e f g h i j k", "a a a a a a a a a a a a a a a a a a a a a",
        "ab c a bc ab c a bc ab c", " a\u00A0b\u2028a\u00A0b ");
    for (GopherRepetitionFilter.Params p : paramSets()) {
      GopherRepetitionFilter fast = new GopherRepetitionFilter(p);
      ReferenceGopherRepetition ref = new ReferenceGopherRepetition(p);
      for (String t : texts) {
        assertSame(fast, ref, t);
      }
    }
  }

  @Test
  void oneFilterOnSeveralThreadsAtOnce() throws Exception {
    GopherRepetitionFilter.Params p = new GopherRepetitionFilter.Params();
    GopherRepetitionFilter fast = new GopherRepetitionFilter(p);
    ReferenceGopherRepetition ref = new ReferenceGopherRepetition(p);
    List<String> texts = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 300; i++) {
      texts.add(document(r));
    }
    List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t * 37;
      tasks.add(() -> {
        for (int i = 0; i < texts.size(); i++) {
          assertSame(fast, ref, texts.get((i + offset) % texts.size()));
        }
        return null;
      });
    }
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (var f : pool.invokeAll(tasks)) {
        f.get();
      }
    }
  }

  @Test
  void sameOnLongDocumentsBeyondTheKeptScratch() {
    SplittableRandom r = new SplittableRandom(7);
    GopherRepetitionFilter.Params p = new GopherRepetitionFilter.Params();
    GopherRepetitionFilter fast = new GopherRepetitionFilter(p);
    ReferenceGopherRepetition ref = new ReferenceGopherRepetition(p);
    for (int i = 0; i < 3; i++) {
      StringBuilder b = new StringBuilder();
      while (b.length() <= RepetitionScratch.KEEP_CHARS + 10) {
        b.append(document(r)).append("\n\n");
      }
      assertSame(fast, ref, b.toString());
      assertSame(fast, ref, document(r)); // the kept scratch after a one-off one
    }
  }
}
