package dev.llamakit.pipelines.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LineBucketTest {
  /** (ordinal -> lost hashes) for pairs given as {hash, ordinal} rows, fed in the given batches. */
  private static Map<Long, TreeSet<Long>> decide(DedupPolicy p, List<long[]> batches) {
    LineBucket b = new LineBucket();
    batches.forEach(b::add);
    Map<Long, TreeSet<Long>> out = new TreeMap<>();
    List<Long> order = new ArrayList<>();
    b.decide(p, (ordinal, hashes) -> {
      order.add(ordinal);
      TreeSet<Long> prev = out.put(ordinal, new TreeSet<>());
      assertEquals(null, prev, "a document is reported once per bucket");
      for (long h : hashes) {
        out.get(ordinal).add(h);
      }
    });
    List<Long> sorted = new ArrayList<>(order);
    Collections.sort(sorted);
    assertEquals(sorted, order, "documents come in ordinal order");
    return out;
  }

  @Test
  void aLineInOneDocumentIsNobodysLoss() {
    assertEquals(Map.of(), decide(DedupPolicy.REMOVE_ALL, List.of(new long[] {11, 4, 12, 4})));
    assertEquals(Map.of(), decide(DedupPolicy.KEEP_FIRST, List.of(new long[] {11, 4}, new long[] {12, 5})));
    assertEquals(Map.of(), decide(DedupPolicy.REMOVE_ALL, List.of()));
  }

  @Test
  void removeAllTakesTheLineFromEveryDocument() {
    Map<Long, TreeSet<Long>> lost = decide(DedupPolicy.REMOVE_ALL,
        List.of(new long[] {7, 5, 8, 5}, new long[] {7, 2, 9, 2, 7, 3}));
    assertEquals(Map.of(2L, new TreeSet<>(List.of(7L)), 3L, new TreeSet<>(List.of(7L)), 5L,
        new TreeSet<>(List.of(7L))), lost);
  }

  @Test
  void keepFirstLeavesItWithTheLowestOrdinalWhateverTheOrder() {
    Random r = new Random(20261207);
    List<Long> docs = new ArrayList<>();
    for (long i = 0; i < 200; i++) {
      docs.add(1000 + 7 * i);
    }
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(docs, r);
      List<long[]> batches = new ArrayList<>();
      for (long d : docs) {
        batches.add(new long[] {42, d});
      }
      Map<Long, TreeSet<Long>> lost = decide(DedupPolicy.KEEP_FIRST, batches);
      assertEquals(199, lost.size());
      assertEquals(1007L, ((TreeMap<Long, TreeSet<Long>>) lost).firstKey(), "every document but 1000 loses it");
    }
  }

  /** The bucket's decision equals the in-memory index's for random documents, batching and policy. */
  @Test
  void agreesWithTheInMemoryIndex() {
    Random r = new Random(7);
    for (DedupPolicy p : DedupPolicy.values()) {
      for (int round = 0; round < 20; round++) {
        OccurrenceTable table = new OccurrenceTable();
        List<long[]> pairs = new ArrayList<>();
        for (long doc = 0; doc < 60; doc++) {
          TreeSet<Long> lines = new TreeSet<>();
          for (int k = r.nextInt(8); k > 0; k--) {
            lines.add((long) r.nextInt(40) - 3);   // 0 and negative hashes included
          }
          for (long h : lines) {
            table.add(h, doc);
            pairs.add(new long[] {h, doc});
          }
        }
        DuplicateLines index = table.duplicates();
        Map<Long, TreeSet<Long>> expected = new TreeMap<>();
        for (long[] hd : pairs) {
          long owner = index.ownerOf(hd[0]);
          if (owner >= 0 && (p == DedupPolicy.REMOVE_ALL || owner != hd[1])) {
            expected.computeIfAbsent(hd[1], k -> new TreeSet<>()).add(hd[0]);
          }
        }
        Collections.shuffle(pairs, r);
        List<long[]> batches = new ArrayList<>();
        for (int i = 0; i < pairs.size(); ) {
          int n = Math.min(pairs.size() - i, 1 + r.nextInt(9));
          long[] batch = new long[2 * n];
          for (int j = 0; j < n; j++) {
            batch[2 * j] = pairs.get(i + j)[0];
            batch[2 * j + 1] = pairs.get(i + j)[1];
          }
          batches.add(batch);
          i += n;
        }
        assertEquals(expected, decide(p, batches), p + " round " + round);
      }
    }
  }

  @Test
  void anOddBatchIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LineBucket().add(new long[] {1, 2, 3}));
  }
}
