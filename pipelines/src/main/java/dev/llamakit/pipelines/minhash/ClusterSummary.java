package dev.llamakit.pipelines.minhash;

import java.io.Serializable;

/**
 * One near-duplicate cluster folded from its members in any order: how many, the first in input order (whose id is
 * the cluster id) and the one the keep rule keeps. {@link #merge} is associative and commutative, so Beam can
 * combine it per cluster before the shuffle.
 */
public record ClusterSummary(long size, Member first, Member kept) implements Serializable {
  /** A cluster of one. */
  public static ClusterSummary of(Member m) {
    return new ClusterSummary(1, m, m);
  }

  /** The cluster made of both. */
  public ClusterSummary merge(ClusterSummary o, KeepRule rule) {
    return new ClusterSummary(size + o.size,
        first.ordinal() <= o.first.ordinal() ? first : o.first,
        rule.prefers(kept, o.kept) || kept.ordinal() == o.kept.ordinal() ? kept : o.kept);
  }

  /** The decision for member {@code m} of this cluster. */
  public Decision decide(Member m) {
    return new Decision(first.id(), size, m.ordinal() == kept.ordinal(), kept.id());
  }
}
