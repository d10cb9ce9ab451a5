package dev.llamakit.pipelines.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LineOwnersTest {
  private static List<Long> losers(DedupPolicy p, Long... docs) {
    List<Long> out = new ArrayList<>();
    LineOwners.decide(p, List.of(docs).iterator(), out::add);
    Collections.sort(out);
    return out;
  }

  @Test
  void aLineInOneDocumentIsNobodysLoss() {
    assertEquals(List.of(), losers(DedupPolicy.REMOVE_ALL, 4L));
    assertEquals(List.of(), losers(DedupPolicy.KEEP_FIRST, 4L));
    assertEquals(List.of(), losers(DedupPolicy.REMOVE_ALL));
  }

  @Test
  void removeAllTakesTheLineFromEveryDocument() {
    assertEquals(List.of(2L, 5L), losers(DedupPolicy.REMOVE_ALL, 5L, 2L));
    assertEquals(List.of(1L, 3L, 8L, 9L), losers(DedupPolicy.REMOVE_ALL, 9L, 1L, 8L, 3L));
  }

  @Test
  void keepFirstLeavesItWithTheLowestOrdinalWhateverTheOrder() {
    Random r = new Random(20261207);
    List<Long> docs = new ArrayList<>();
    for (long i = 0; i < 200; i++) {
      docs.add(1000 + 7 * i);
    }
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(docs, r);
      TreeSet<Long> lost = new TreeSet<>();
      LineOwners.decide(DedupPolicy.KEEP_FIRST, docs.iterator(), lost::add);
      assertEquals(199, lost.size());
      assertEquals(1007L, lost.first(), "every document but 1000 loses the line");
    }
  }

  @Test
  void eachDocumentIsReportedOnce() {
    List<Long> out = new ArrayList<>();
    LineOwners.decide(DedupPolicy.KEEP_FIRST, List.of(9L, 8L, 7L, 6L).iterator(), out::add);
    assertEquals(List.of(9L, 8L, 7L), out, "each new minimum hands the line over and the old owner loses it");
  }
}
