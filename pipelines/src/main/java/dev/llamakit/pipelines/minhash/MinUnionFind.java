package dev.llamakit.pipelines.minhash;

import java.util.HashMap;
import java.util.Map;

/**
 * Union-find over long node ids whose root is always the smallest id of its set (a union hangs the larger root under
 * the smaller), so the answer — each node's component minimum — does not depend on the order of the unions. The
 * in-memory clustering of {@link NearDedup}, and the fallback that finishes what the distributed rounds left (see
 * {@link StarContraction}). Not thread-safe.
 */
public final class MinUnionFind {
  private final Map<Long, Long> parent = new HashMap<>();

  /** Joins the sets of {@code a} and {@code b}. */
  public void union(long a, long b) {
    long ra = find(a);
    long rb = find(b);
    if (ra < rb) {
      parent.put(rb, ra);
    } else if (rb < ra) {
      parent.put(ra, rb);
    }
  }

  /** The smallest id of {@code a}'s set ({@code a} itself when it was never joined). */
  public long find(long a) {
    long root = a;
    Long p;
    while ((p = parent.get(root)) != null) {
      root = p;
    }
    long x = a;
    while (x != root) { // path compression
      long next = parent.get(x);
      parent.put(x, root);
      x = next;
    }
    return root;
  }

  /** Every node that was joined to another, with its root. */
  public Map<Long, Long> roots() {
    Map<Long, Long> m = new HashMap<>();
    for (Long node : parent.keySet().toArray(new Long[0])) {
      m.put(node, find(node));
    }
    for (Long r : m.values().toArray(new Long[0])) {
      m.put(r, r);
    }
    return m;
  }
}
