package dev.llamakit.pipelines.dedup;

import java.util.Iterator;
import java.util.function.LongConsumer;

/**
 * Decides, for one line hash, which documents lose the line, given the documents that contain it (each once) in any
 * order and seen once: the owner side of partitioned line dedup. It holds two numbers whatever the number of
 * documents, so a boilerplate line found in a hundred million documents costs time on its owner, never memory.
 *
 * <ul>
 *   <li>{@link DedupPolicy#REMOVE_ALL}: a line in two or more documents is removed from all of them.
 *   <li>{@link DedupPolicy#KEEP_FIRST}: it is removed from every document but the first in input order (lowest
 *       ordinal), which keeps it as if the line were unique.
 * </ul>
 *
 * <pre>{@code
 * LineOwners.decide(DedupPolicy.KEEP_FIRST, List.of(7L, 3L, 9L).iterator(), loser -> emit(loser, hash)); // 7, 9
 * }</pre>
 */
public final class LineOwners {
  private LineOwners() {}

  /**
   * Calls {@code loses} once for each document (by ordinal) whose copy of the line goes.
   *
   * @param documents the ordinals of the documents that contain the line, each once, in any order
   */
  public static void decide(DedupPolicy policy, Iterator<Long> documents, LongConsumer loses) {
    if (!documents.hasNext()) {
      return;
    }
    long first = documents.next();
    if (policy == DedupPolicy.REMOVE_ALL) {
      boolean firstReported = false;
      while (documents.hasNext()) {
        if (!firstReported) {
          loses.accept(first);
          firstReported = true;
        }
        loses.accept(documents.next());
      }
      return;
    }
    long owner = first;
    while (documents.hasNext()) {
      long o = documents.next();
      if (o < owner) {
        loses.accept(owner);
        owner = o;
      } else {
        loses.accept(o);
      }
    }
  }
}
