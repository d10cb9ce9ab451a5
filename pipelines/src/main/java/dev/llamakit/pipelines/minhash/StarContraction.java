package dev.llamakit.pipelines.minhash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connected components by alternating large-star and small-star rounds (Kiveris et al., "Connected Components in
 * MapReduce and Beyond", 2014), the per-node rules the Beam step runs after each group-by-node, and the same rounds
 * in memory for tests. Every node ends labelled with the smallest node id of its component, whatever the order in
 * which edges arrive: each rule depends only on a node and the set of its neighbours.
 *
 * <ul>
 *   <li><b>large-star</b> at node {@code u} with neighbours {@code N}: {@code m = min(N ∪ {u})}; every neighbour
 *       {@code v > u} gets the edge {@code (v, m)} (u's larger neighbours move to its smallest one);
 *   <li><b>small-star</b> at {@code u} with its <em>smaller</em> neighbours {@code N}: {@code m = min(N ∪ {u})};
 *       every {@code v ∈ N ∪ {u}}, {@code v ≠ m}, gets the edge {@code (v, m)}.
 * </ul>
 *
 * <p>Both keep every component connected and its node set unchanged; alternated, they turn each component into a
 * star around its minimum in O(log² n) rounds (in practice a few: a near-duplicate cluster is shallow, because the
 * candidate edges already point at each LSH bucket's smallest member). Beam has no loops, so the step unrolls a
 * fixed number of rounds; afterwards each node's label is its smallest neighbour (or itself), and the
 * {@linkplain #residualEdges residual} — candidate edges whose ends got different labels, and labels that are not
 * their own label — is exactly what is not finished. It is empty once converged, and otherwise small; a
 * {@link MinUnionFind} over it finishes the job ({@link #finish}), so the result is correct for any number of
 * rounds, 0 included (then the union-find does everything, on one worker).
 */
public final class StarContraction {
  private StarContraction() {}

  /** Receives edges. */
  @FunctionalInterface
  public interface EdgeSink {
    void edge(long a, long b);
  }

  /** Large-star at {@code u}; {@code neighbours} may hold duplicates. */
  public static void largeStar(long u, long[] neighbours, EdgeSink out) {
    long m = u;
    for (long v : neighbours) {
      m = Math.min(m, v);
    }
    for (long v : sortedDistinct(neighbours)) {
      if (v > u) {
        out.edge(v, m);
      }
    }
  }

  /** Small-star at {@code u}; {@code smaller} are its neighbours below {@code u} (duplicates allowed). */
  public static void smallStar(long u, long[] smaller, EdgeSink out) {
    long m = u;
    for (long v : smaller) {
      m = Math.min(m, v);
    }
    for (long v : sortedDistinct(smaller)) {
      if (v != m) {
        out.edge(v, m);
      }
    }
    if (u != m) {
      out.edge(u, m);
    }
  }

  /** A node's label after the rounds: the smallest of itself and its neighbours. */
  public static long label(long u, long[] neighbours) {
    long m = u;
    for (long v : neighbours) {
      m = Math.min(m, v);
    }
    return m;
  }

  /**
   * What the rounds left unfinished: for each candidate edge {@code (a, b)} with {@code L(a) ≠ L(b)}, the pair
   * {@code (L(a), L(b))}; for each label {@code ℓ} with {@code L(ℓ) ≠ ℓ}, the pair {@code (ℓ, L(ℓ))}. Empty when
   * every component is a star around its minimum.
   */
  public static List<long[]> residualEdges(List<long[]> candidates, Map<Long, Long> labels) {
    List<long[]> r = new ArrayList<>();
    for (long[] e : candidates) {
      long la = labels.get(e[0]);
      long lb = labels.get(e[1]);
      if (la != lb) {
        r.add(new long[] {la, lb});
      }
    }
    for (long l : new java.util.TreeSet<>(labels.values())) {
      long ll = labels.get(l);
      if (ll != l) {
        r.add(new long[] {l, ll});
      }
    }
    return r;
  }

  /** The final component minimum of a node with label {@code label}, given the union-find over the residual. */
  public static long finish(long label, Map<Long, Long> residualRoots) {
    return residualRoots.getOrDefault(label, label);
  }

  /** The rounds in memory (as the Beam step runs them, one group-by-node per half round). */
  public static Result components(List<long[]> candidates, int rounds) {
    List<long[]> edges = candidates;
    int changedRounds = 0;
    for (int r = 0; r < rounds; r++) {
      List<long[]> before = edges;
      edges = smallStarRound(largeStarRound(edges));
      if (!sameEdges(before, edges)) {
        changedRounds = r + 1;
      }
    }
    Map<Long, Long> labels = new HashMap<>();
    for (Map.Entry<Long, long[]> e : neighbours(edges, true).entrySet()) {
      labels.put(e.getKey(), label(e.getKey(), e.getValue()));
    }
    List<long[]> residual = residualEdges(candidates, labels);
    MinUnionFind uf = new MinUnionFind();
    for (long[] e : residual) {
      uf.union(e[0], e[1]);
    }
    Map<Long, Long> roots = uf.roots();
    Map<Long, Long> component = new TreeMap<>();
    labels.forEach((node, l) -> component.put(node, finish(l, roots)));
    return new Result(component, residual.size(), changedRounds);
  }

  /**
   * @param component each node of the candidate graph with its component minimum
   * @param residualEdges how many edges the union-find had to finish
   * @param roundsThatChanged the last round that changed the edge set (0: nothing to do)
   */
  public record Result(Map<Long, Long> component, int residualEdges, int roundsThatChanged) {}

  static List<long[]> largeStarRound(List<long[]> edges) {
    List<long[]> out = new ArrayList<>();
    neighbours(edges, true).forEach((u, n) -> largeStar(u, n, (a, b) -> out.add(new long[] {a, b})));
    return out;
  }

  static List<long[]> smallStarRound(List<long[]> edges) {
    Map<Long, List<Long>> smaller = new TreeMap<>();
    for (long[] e : edges) {
      if (e[0] != e[1]) {
        smaller.computeIfAbsent(Math.max(e[0], e[1]), k -> new ArrayList<>()).add(Math.min(e[0], e[1]));
      }
    }
    List<long[]> out = new ArrayList<>();
    smaller.forEach((u, n) -> smallStar(u, n.stream().mapToLong(Long::longValue).toArray(),
        (a, b) -> out.add(new long[] {a, b})));
    return out;
  }

  private static Map<Long, long[]> neighbours(List<long[]> edges, boolean both) {
    Map<Long, List<Long>> m = new TreeMap<>();
    for (long[] e : edges) {
      m.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
      if (both) {
        m.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
      }
    }
    Map<Long, long[]> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }

  private static boolean sameEdges(List<long[]> a, List<long[]> b) {
    return canonical(a).equals(canonical(b));
  }

  private static java.util.Set<List<Long>> canonical(List<long[]> edges) {
    java.util.Set<List<Long>> s = new java.util.TreeSet<>((x, y) -> x.get(0).equals(y.get(0))
        ? Long.compare(x.get(1), y.get(1)) : Long.compare(x.get(0), y.get(0)));
    for (long[] e : edges) {
      s.add(List.of(Math.min(e[0], e[1]), Math.max(e[0], e[1])));
    }
    return s;
  }

  /** The distinct values, sorted. */
  static long[] sortedDistinct(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int w = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[w++] = s[i];
      }
    }
    return Arrays.copyOf(s, w);
  }
}
