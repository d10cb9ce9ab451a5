package dev.llamakit.pipelines.minhash;

import java.io.Serializable;

/**
 * What near-dedup decided for one document.
 *
 * @param clusterId the id of the cluster's first document in input order (a singleton's own id): written as
 *     {@code minhash_cluster_id}
 * @param clusterSize documents in the cluster (1 for a singleton): written as {@code minhash_cluster_size}
 * @param keep whether this document is the one its cluster keeps
 * @param keptId the id of the document the cluster keeps (named in a dropped duplicate's detail)
 */
public record Decision(String clusterId, long clusterSize, boolean keep, String keptId) implements Serializable {
  /** A document that is nobody's near-duplicate. */
  public static Decision singleton(String id) {
    return new Decision(id, 1, true, id);
  }
}
