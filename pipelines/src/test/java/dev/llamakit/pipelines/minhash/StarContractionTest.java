package dev.llamakit.pipelines.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Large-star/small-star rounds give every node its component's smallest id, the same as a union-find, for any edge
 * order and any number of rounds (the residual union-find finishes what the rounds leave).
 */
class StarContractionTest {
  private static Map<Long, Long> unionFind(List<long[]> edges) {
    MinUnionFind uf = new MinUnionFind();
    edges.forEach(e -> uf.union(e[0], e[1]));
    return new TreeMap<>(uf.roots());
  }

  /** Random forests of paths, stars and cliques over scattered ids. */
  private static List<long[]> graph(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[]> edges = new ArrayList<>();
    for (int c = 0; c < 40; c++) {
      int n = 2 + r.nextInt(30);
      long[] nodes = new long[n];
      for (int i = 0; i < n; i++) {
        nodes[i] = r.nextLong(1L << 45);
      }
      switch (c % 3) {
        case 0 -> { // a path in random order: the worst case for label propagation
          for (int i = 1; i < n; i++) {
            edges.add(new long[] {nodes[i - 1], nodes[i]});
          }
        }
        case 1 -> { // a random tree
          for (int i = 1; i < n; i++) {
            edges.add(new long[] {nodes[i], nodes[r.nextInt(i)]});
          }
        }
        default -> { // a dense cluster
          for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
              if (r.nextInt(3) == 0 || j == i + 1) {
                edges.add(new long[] {nodes[i], nodes[j]});
              }
            }
          }
        }
      }
    }
    Collections.shuffle(edges, new java.util.Random(seed));
    return edges;
  }

  @Test
  void everyRoundCountGivesTheUnionFindComponents() {
    for (long seed = 1; seed <= 5; seed++) {
      List<long[]> edges = graph(seed);
      Map<Long, Long> expected = unionFind(edges);
      for (int rounds : new int[] {0, 1, 2, 3, 8}) {
        StarContraction.Result r = StarContraction.components(edges, rounds);
        assertEquals(expected, r.component(), "seed " + seed + ", " + rounds + " rounds");
      }
      StarContraction.Result converged = StarContraction.components(edges, 12);
      assertEquals(0, converged.residualEdges(), "12 rounds converge on 30-node components");
      assertTrue(converged.roundsThatChanged() <= 8, "rounds needed: " + converged.roundsThatChanged());
      assertTrue(StarContraction.components(edges, 0).residualEdges() > 0, "no rounds: the fallback does it all");
    }
  }

  @Test
  void aLongPathNeedsFewRounds() {
    List<long[]> path = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    long[] ids = r.longs(1000, 0, 1L << 40).toArray();
    for (int i = 1; i < ids.length; i++) {
      path.add(new long[] {ids[i - 1], ids[i]});
    }
    StarContraction.Result res = StarContraction.components(path, 16);
    assertEquals(0, res.residualEdges());
    long min = java.util.Arrays.stream(ids).min().orElseThrow();
    res.component().values().forEach(v -> assertEquals(min, v));
    System.out.println("a 1,000-node path in random id order converged after " + res.roundsThatChanged() + " rounds");
  }

  @Test
  void largeAndSmallStarRules() {
    List<long[]> out = new ArrayList<>();
    StarContraction.largeStar(5, new long[] {9, 2, 7, 9}, (a, b) -> out.add(new long[] {a, b}));
    assertEquals("[[7, 2], [9, 2]]", toString(out));
    out.clear();
    StarContraction.smallStar(9, new long[] {7, 2, 4}, (a, b) -> out.add(new long[] {a, b}));
    assertEquals("[[4, 2], [7, 2], [9, 2]]", toString(out));
    out.clear();
    StarContraction.smallStar(3, new long[] {}, (a, b) -> out.add(new long[] {a, b}));
    assertEquals("[]", toString(out));
  }

  private static String toString(List<long[]> edges) {
    return edges.stream().map(java.util.Arrays::toString).toList().toString();
  }
}
