package dev.llamakit.pipelines.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.text.LineHasher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Line dedup against a direct re-statement of cc_net's rule (and C4's keep-one rule) on seeded random corpora, with
 * the occurrence tables split and merged in random ways as Beam bundles would.
 */
class LineDedupTest {
  static Document doc(int i, List<String> lines) {
    String content = String.join("\n", lines);
    LineHasher h = new LineHasher();
    return new Document("t#" + i, i, "http://x/" + i, null, null, 0, lines.size(), "x", "", content, null,
        h.hashLines(LineHasher.splitLines(content)), null, null, null, null);
  }

  /** The reference: which lines of each document survive. */
  static List<String> expected(List<List<String>> docs, int d, DedupPolicy policy) {
    Map<String, Set<Integer>> docsOf = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      for (String l : docs.get(i)) {
        docsOf.computeIfAbsent(norm(l), k -> new HashSet<>()).add(i);
      }
    }
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String l : docs.get(d)) {
      String n = norm(l);
      if (!seen.add(n)) {
        continue;
      }
      Set<Integer> owners = docsOf.get(n);
      boolean unique = owners.size() == 1;
      boolean owner = policy == DedupPolicy.KEEP_FIRST && owners.stream().min(Integer::compare).get() == d;
      if (unique || owner) {
        kept.add(l);
      }
    }
    return kept;
  }

  static String norm(String l) {
    return dev.llamakit.pipelines.text.CcNetNormalizer.normalizeForDedup(l);
  }

  @Test
  void matchesTheReferenceOnRandomCorpora() {
    SplittableRandom rnd = new SplittableRandom(11);
    String[] vocab = {"Alpha line 1", "alpha line 2", "Beta", "  beta  ", "Gamma 33", "gamma 44", "Delta—x", "delta x",
        "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu"};
    for (DedupPolicy policy : DedupPolicy.values()) {
      for (int trial = 0; trial < 50; trial++) {
        List<List<String>> texts = new ArrayList<>();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
          List<String> ls = new ArrayList<>();
          int k = 1 + rnd.nextInt(8);
          for (int j = 0; j < k; j++) {
            ls.add(rnd.nextInt(4) == 0 ? "unique " + trial + "/" + i + "/" + j : vocab[rnd.nextInt(vocab.length)]);
          }
          texts.add(ls);
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          docs.add(doc(i, texts.get(i)));
        }
        // count in random "bundles", then merge the partial tables in another order
        List<OccurrenceTable> parts = new ArrayList<>();
        OccurrenceTable cur = new OccurrenceTable();
        for (Document d : docs) {
          for (long h : LineDedup.distinctHashes(d.lineHashes())) {
            cur.add(h, d.ordinal());
          }
          if (rnd.nextBoolean()) {
            parts.add(cur);
            cur = new OccurrenceTable();
          }
        }
        parts.add(cur);
        OccurrenceTable all = new OccurrenceTable();
        for (int i = parts.size() - 1; i >= 0; i--) {
          all.addAll(parts.get(i));
        }
        DuplicateLines dups = all.duplicates();
        LineDedup dedup = new LineDedup(policy, 0);
        for (int i = 0; i < n; i++) {
          LineDedup.Outcome o = dedup.apply(docs.get(i), dups);
          List<String> exp = expected(texts, i, policy);
          List<String> got = o.kept() == null ? List.of()
              : List.of(o.kept().rawContent().split("\n", -1));
          assertEquals(exp, got, policy + " trial " + trial + " doc " + i + " of " + texts);
          if (o.kept() != null) {
            assertEquals(texts.get(i).size(), o.kept().dedup().originalNlines());
            assertEquals(exp.size(), o.kept().nlines());
          }
        }
      }
    }
  }
}
