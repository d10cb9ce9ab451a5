package dev.llamakit.pipelines.lmtrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-derived modified Kneser-Ney values on corpora small enough to work out on paper. */
class KneserNeyEstimatorTest {
  static final List<String> CORPUS = List.of("a b", "", "a b a");

  static EstimatedModel bigram() {
    return new KneserNeyEstimator(2).withDiscountFallback(Discount.LMPLZ_FALLBACK).estimate(CORPUS);
  }

  static void assertLog(double p, float actual, String what) {
    assertEquals(Math.log10(p), actual, 2e-7, what);
  }

  @Test
  void closedFormDiscountsFollowChenAndGoodman() {
    // n1=10 n2=4 n3=2 n4=1: Y = 10/18; D1 = 1 - 2Y 4/10, D2 = 2 - 3Y 2/4, D3+ = 3 - 4Y 1/2
    Discount d = Discount.estimate(new long[] {0, 10, 4, 2, 1}, 3);
    double y = 10.0 / 18.0;
    assertEquals(1 - 2 * y * 0.4, d.d1(), 1e-6);
    assertEquals(2 - 3 * y * 0.5, d.d2(), 1e-6);
    assertEquals(3 - 4 * y * 0.5, d.d3plus(), 1e-6);
    assertEquals(0f, d.get(0));
    assertEquals(d.d3plus(), d.get(7));
    assertEquals(7f - d.d3plus(), d.apply(7));
    // no doubletons: cannot estimate D2's denominator
    assertThrows(BadDiscountException.class, () -> Discount.estimate(new long[] {0, 5, 0, 2, 1}, 2));
    // n1 = 1, n2 = 3: D1 = 1 - 2 (1/7) 3 = 0.14..., D2 = 2 - 3 (1/7) n3/n2 ..., D3+ = 3 - 4 (1/7) 9/1 < 0
    assertThrows(BadDiscountException.class, () -> Discount.estimate(new long[] {0, 1, 3, 1, 9}, 2));
  }

  @Test
  void adjustedCountsAreContinuationCountsExceptAtTheTopAndAfterBos() {
    EstimatedModel m = bigram();
    assertEquals(List.of("<unk>", "<s>", "</s>", "a", "b"),
        List.of(m.word(0), m.word(1), m.word(2), m.word(3), m.word(4)));
    assertEquals(5, m.size(1));
    assertEquals(6, m.size(2));
    assertEquals(0, m.adjustedCount(1, m.find("<unk>")));
    assertEquals(0, m.adjustedCount(1, m.find("<s>")));
    assertEquals(2, m.adjustedCount(1, m.find("a"))); // left of a: <s>, b
    assertEquals(1, m.adjustedCount(1, m.find("b"))); // a
    assertEquals(3, m.adjustedCount(1, m.find("</s>"))); // b, <s>, a
    assertEquals(2, m.adjustedCount(2, m.find("<s> a"))); // raw
    assertEquals(2, m.adjustedCount(2, m.find("a b")));
    assertEquals(1, m.adjustedCount(2, m.find("<s> </s>")));
    assertEquals(-1, m.find("b b"));
    assertEquals(5, m.tokenCount()); // words, not </s>
  }

  @Test
  void lmplzCountsTheLastNgramsRawCountInCountOfCounts() {
    // Unigram adjusted counts 2, 1, 3 would give n1 = n2 = n3 = 1 and valid discounts (1/3, 1, 3); lmplz's
    // count-of-counts take the raw count 2 of the last unigram "b", so n1 = 0 and the fallback applies, as in the
    // ARPA lmplz wrote for this corpus (toy_special.o2.arpa).
    EstimatedModel m = bigram();
    assertEquals(Discount.LMPLZ_FALLBACK, m.discount(1));
    assertEquals(Discount.LMPLZ_FALLBACK, m.discount(2));
    assertThrows(BadDiscountException.class, () -> new KneserNeyEstimator(2).estimate(CORPUS));
  }

  @Test
  void interpolatedProbabilitiesAndBackoffsByHand() {
    EstimatedModel m = bigram();
    // unigrams: D = 0.5, 1, 1.5; denominator 2 + 1 + 3 = 6; gamma = (0.5 + 1 + 1.5) / 6 = 0.5; uniform = 1/4
    double gamma1 = (0.5 + 1 + 1.5) / 6;
    double uniform = 1.0 / 4; // 5 words without <s>
    double pa = (2 - 1.0) / 6 + gamma1 * uniform;
    double pb = (1 - 0.5) / 6 + gamma1 * uniform;
    double peos = (3 - 1.5) / 6 + gamma1 * uniform;
    assertLog(pa, m.logProb(1, m.find("a")), "a");
    assertLog(pb, m.logProb(1, m.find("b")), "b");
    assertLog(peos, m.logProb(1, m.find("</s>")), "</s>");
    assertLog(gamma1 * uniform, m.logProb(1, m.find("<unk>")), "<unk>: only interpolated mass");
    assertEquals(0f, m.logProb(1, m.find("<s>")), "<s>: probability 1");
    // context <s>: <s> a (2), <s> </s> (1): denominator 3, gamma (0.5 + 1) / 3
    double gs = (0.5 + 1) / 3;
    assertLog((2 - 1.0) / 3 + gs * pa, m.logProb(2, m.find("<s> a")), "<s> a");
    assertLog((1 - 0.5) / 3 + gs * peos, m.logProb(2, m.find("<s> </s>")), "<s> </s>");
    assertLog(gs, m.logBackoff(1, m.find("<s>")), "backoff <s>");
    // context b: b </s> (1), b a (1): denominator 2, gamma 2 * 0.5 / 2
    double gb = 2 * 0.5 / 2;
    assertLog(0.5 / 2 + gb * pa, m.logProb(2, m.find("b a")), "b a");
    assertLog(gb, m.logBackoff(1, m.find("b")), "backoff b");
    // </s> and <unk> are never contexts
    assertEquals(0f, m.logBackoff(1, m.find("</s>")));
    assertEquals(0f, m.logBackoff(1, m.find("<unk>")));
    // the values lmplz printed for this corpus
    assertEquals("-0.5351132", ArpaWriter.formatFloat(m.logProb(1, m.find("a"))));
    assertEquals("-0.40248764", ArpaWriter.formatFloat(m.logProb(2, m.find("b a"))));
  }

  @Test
  void unigramMassToUnkWithoutInterpolation() {
    EstimatedModel m = new KneserNeyEstimator(2).withDiscountFallback(Discount.LMPLZ_FALLBACK)
        .withInterpolateUnigrams(false).estimate(CORPUS);
    assertLog(0.5, m.logProb(1, m.find("<unk>")), "<unk> takes gamma");
    assertLog(1.0 / 6, m.logProb(1, m.find("a")), "a not interpolated");
    EstimatedModel padded = new KneserNeyEstimator(2).withDiscountFallback(Discount.LMPLZ_FALLBACK).withVocabPad(100)
        .estimate(CORPUS);
    assertLog(0.5 / 100, padded.logProb(1, padded.find("<unk>")), "uniform over 100 words");
  }

  @Test
  void specialWordsAreRejectedOrSkipped() {
    KneserNeyEstimator e = new KneserNeyEstimator(2).withDiscountFallback(Discount.LMPLZ_FALLBACK);
    assertThrows(IllegalArgumentException.class, () -> e.estimate(List.of("a <s> b")));
    EstimatedModel skipped = e.withSkipSymbols(true).estimate(List.of("a <s> b", "\tb\ra  <unk>"));
    assertEquals(5, skipped.size(1));
    assertTrue(skipped.find("a b") >= 0);
    assertTrue(skipped.find("b a") >= 0);
  }

  @Test
  void highestOrderHasNoBosPaddingInside() {
    EstimatedModel m = new KneserNeyEstimator(3).withDiscountFallback(Discount.LMPLZ_FALLBACK).estimate(List.of("x"));
    // trigrams: "<s> x </s>" only; bigrams "<s> x", "x </s>"; "<s> <s> x" is padding
    assertEquals(1, m.size(3));
    assertEquals("<s> x </s>", m.text(3, 0));
    assertEquals(2, m.size(2));
    assertEquals(-1, m.find("<s> <s> x"));
  }

  @Test
  void floatsPrintLikeKenlm() {
    assertEquals("0", ArpaWriter.formatFloat(0f));
    assertEquals("-0.30103", ArpaWriter.formatFloat(-0.30103f));
    assertEquals("-6.989217e-7", ArpaWriter.formatFloat(-6.989217e-7f));
    assertEquals("0.000001", ArpaWriter.formatFloat(1e-6f));
    assertEquals("-99", ArpaWriter.formatFloat(-99f));
    assertEquals("-4.7225323", ArpaWriter.formatFloat(-4.7225323f));
    assertEquals("1.5e21", ArpaWriter.formatFloat(1.5e21f));
    assertEquals("123456790", ArpaWriter.formatFloat(123456789f));
  }

  @Test
  void log10MatchesGlibcOnAKnownValue() {
    // glibc 2.36 log10f(0.94856292) = -0.0229338575, one ulp off the correctly rounded -0.0229338557; the
    // evaluation order reproduces glibc here (not where glibc's logf itself is off, e.g. 0.9485628)
    assertEquals(-0.0229338575f, KenlmFloats.log10f(0.94856292f));
    assertEquals(-0.0229338557f, (float) Math.log10(0.94856292f));
    assertEquals(0f, KenlmFloats.log10f(1f));
    assertEquals(-1f, KenlmFloats.log10f(0.1f), 1e-7f);
    assertEquals((float) Math.log10(1e-40), KenlmFloats.log10f(1e-40f), 1e-5f);
  }

  @Test
  void arpaLayout() {
    String arpa = ArpaWriter.toString(bigram());
    assertTrue(arpa.startsWith("\\data\\\nngram 1=5\nngram 2=6\n\n\\1-grams:\n-0.90309\t<unk>\t0\n0\t<s>\t-0.30103\n"),
        arpa);
    assertTrue(arpa.contains("\n\\2-grams:\n-0.4507923\t<s> </s>\n"), arpa);
    assertTrue(arpa.endsWith("\n\n\\end\\\n"), arpa);
  }
}
