package dev.llamakit.pipelines.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection of planted near-duplicates (edits, insertions, boilerplate, reordering) at known 5-gram Jaccard
 * similarities, with FineWeb's 14 × 8: the measured detection rate per similarity bin follows the S-curve
 * 1 - (1 - s^8)^14, recall of pairs at J ≥ 0.8 is at least the curve's value minus a margin, and precision stays
 * above a stated bound; unrelated documents are never clustered.
 */
class MinHashPrecisionRecallTest {
  static final int BANDS = 14;
  static final int ROWS = 8;

  /** 1,200 planted pairs with J uniform in [0.3, 1.0], and 400 unrelated documents of 300 words. */
  static final NearDuplicateCorpus CORPUS = new NearDuplicateCorpus(11, 1200, 400, 300, 0.3, 1.0, 5);

  private static boolean detected(List<Decision> d, NearDuplicateCorpus.Pair p) {
    return d.get(p.a()).clusterId().equals(d.get(p.b()).clusterId());
  }

  @Test
  void detectionRatePerSimilarityBinFollowsTheSCurve() {
    List<Decision> d = new NearDedup(NearDedup.Config.fineweb()).run(CORPUS.documents()).decisions();
    System.out.println("| Jaccard bin | pairs | S-curve (mean over the bin's pairs) | detected |");
    for (int bin = 3; bin < 10; bin++) {
      double lo = bin / 10.0;
      double hi = (bin + 1) / 10.0;
      int n = 0;
      int found = 0;
      double expected = 0;
      double variance = 0;
      for (NearDuplicateCorpus.Pair p : CORPUS.pairs()) {
        if (p.jaccard() >= lo && (p.jaccard() < hi || bin == 9)) {
          n++;
          double prob = SCurve.probability(p.jaccard(), BANDS, ROWS);
          expected += prob;
          variance += prob * (1 - prob);
          found += detected(d, p) ? 1 : 0;
        }
      }
      assertTrue(n >= 60, "bin " + lo + " has " + n + " pairs");
      double measured = found / (double) n;
      double mean = expected / n;
      System.out.printf("| %.1f–%.1f | %d | %.3f | %.3f |%n", lo, hi, n, mean, measured);
      // four binomial standard deviations, plus 0.03 for the hash family not being exactly min-wise
      double tolerance = 4 * Math.sqrt(variance) / n + 0.03;
      assertEquals(mean, measured, tolerance, "bin " + lo + "–" + hi);
    }
  }

  @Test
  void recallAndPrecisionWithoutAndWithTheJaccardCheck() {
    for (boolean verify : new boolean[] {false, true}) {
      NearDedup.Config c = new NearDedup.Config(5, BANDS, ROWS, 1, verify, 0.7, KeepRule.FIRST, 8);
      NearDedup.Result r = new NearDedup(c).run(CORPUS.documents());
      List<Decision> d = r.decisions();
      int truePairs = 0;
      int recalled = 0;
      double expected = 0;
      int detectedPairs = 0;
      int detectedAbove05 = 0;
      int detectedAbove07 = 0;
      double curveAll = 0;
      double curveAbove07 = 0;
      for (NearDuplicateCorpus.Pair p : CORPUS.pairs()) {
        boolean hit = detected(d, p);
        double prob = SCurve.probability(p.jaccard(), BANDS, ROWS);
        if (p.jaccard() >= 0.8) {
          truePairs++;
          recalled += hit ? 1 : 0;
          expected += prob;
        }
        curveAll += prob;
        curveAbove07 += p.jaccard() >= 0.7 ? prob : 0;
        if (hit) {
          detectedPairs++;
          detectedAbove05 += p.jaccard() >= 0.5 ? 1 : 0;
          detectedAbove07 += p.jaccard() >= 0.7 ? 1 : 0;
        }
      }
      double recall = recalled / (double) truePairs;
      double curve = expected / truePairs;
      double precision05 = detectedAbove05 / (double) detectedPairs;
      double precision07 = detectedAbove07 / (double) detectedPairs;
      double curvePrecision07 = curveAbove07 / curveAll;
      System.out.printf("verify=%s: recall at J>=0.8 %.3f (S-curve %.3f) over %d pairs; precision %.3f (J>=0.5), "
          + "%.3f (J>=0.7; S-curve %.3f) over %d detected pairs; %d candidate edges, %d kept, %d removed%n", verify,
          recall, curve, truePairs, precision05, precision07, curvePrecision07, detectedPairs, r.candidateEdges(),
          r.edges(), r.removed());
      assertTrue(recall >= curve - 0.04, "recall " + recall + " vs S-curve " + curve);
      assertTrue(precision05 >= 0.98, "precision (J >= 0.5) " + precision05);
      if (verify) {
        assertEquals(1.0, precision07, "the exact check at 0.7 leaves no pair below 0.7");
      } else {
        // what the S-curve predicts for this corpus's similarities, less a margin
        assertTrue(precision07 >= curvePrecision07 - 0.05, "precision (J >= 0.7) " + precision07 + " vs "
            + curvePrecision07);
      }
      assertEquals(r.removed(), d.stream().filter(x -> !x.keep()).count());
    }
  }

  @Test
  void unrelatedDocumentsAreSingletons() {
    List<Decision> d = new NearDedup(NearDedup.Config.fineweb()).run(CORPUS.documents()).decisions();
    int first = 2 * CORPUS.pairs().size();
    for (int i = first; i < CORPUS.documents().size(); i++) {
      assertEquals(1, d.get(i).clusterSize(), "unrelated document " + i);
      assertEquals(CORPUS.documents().get(i).id(), d.get(i).clusterId());
    }
  }
}
