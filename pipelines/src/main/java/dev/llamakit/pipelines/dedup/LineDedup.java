package dev.llamakit.pipelines.dedup;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.LineHasher;
import dev.llamakit.pipelines.text.PyText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Removes duplicate lines from one document given the global {@link DuplicateLines}, as cc_net's
 * {@code DuplicatesRemover.finalize_doc} does, and adds {@code original_nlines, original_length, nlines, length,
 * line_ids}.
 *
 * <p>A line is kept when it was not already kept earlier in the same document and either it occurs in one document
 * only, or the policy is {@link DedupPolicy#KEEP_FIRST} and this document is the line's owner.
 */
public final class LineDedup {
  private final DedupPolicy policy;
  private final int minLength;

  /** @param minLength documents whose remaining content is shorter (in code points) are dropped */
  public LineDedup(DedupPolicy policy, int minLength) {
    this.policy = policy;
    this.minLength = minLength;
  }

  /** The result for one document: the kept document, or the reason it was dropped, and the lines removed. */
  public record Outcome(Document kept, DropReason dropped, int linesRemoved, long charsRemoved) {}

  /** The distinct line hashes of a document (each document counts once per line). */
  public static long[] distinctHashes(long[] hashes) {
    Set<Long> seen = new HashSet<>(hashes.length * 2);
    long[] out = new long[hashes.length];
    int n = 0;
    for (long h : hashes) {
      if (seen.add(h)) {
        out[n++] = h;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Dedup against the whole corpus's index held in memory (the plain loop and small runs). */
  public Outcome apply(Document doc, DuplicateLines duplicates) {
    return apply(doc, h -> {
      long owner = duplicates.ownerOf(h);
      return owner >= 0 && !(policy == DedupPolicy.KEEP_FIRST && owner == doc.ordinal());
    });
  }

  /**
   * Dedup given the verdict on each of the document's lines, e.g. the set of hashes {@link LineOwners} said this
   * document loses.
   *
   * @param loses whether this document loses the line with that hash to another document
   */
  public Outcome apply(Document doc, LongPredicate loses) {
    String[] lines = LineHasher.splitLines(doc.rawContent());
    long[] hashes = doc.lineHashes();
    if (hashes == null || hashes.length != lines.length) {
      throw new IllegalStateException(doc.id() + ": line hashes missing or stale; run HashLines first");
    }
    Set<Long> seen = new HashSet<>(lines.length * 2);
    List<Integer> kept = new ArrayList<>();
    StringBuilder content = new StringBuilder(doc.rawContent().length());
    for (int i = 0; i < lines.length; i++) {
      long h = hashes[i];
      if (!seen.add(h)) {
        continue;
      }
      if (!loses.test(h)) {
        if (!kept.isEmpty()) {
          content.append('\n');
        }
        content.append(lines[i]);
        kept.add(i);
      }
    }
    String text = content.toString();
    long originalLength = PyText.len(doc.rawContent());
    long length = PyText.len(text);
    int removed = lines.length - kept.size();
    Document.Dedup d = new Document.Dedup(lines.length, originalLength,
        kept.stream().mapToInt(Integer::intValue).toArray());
    Document out = doc.withDedupedContent(text, kept.size(), length, d);
    if (kept.isEmpty()) {
      return new Outcome(null, DropReason.EMPTY_AFTER_DEDUP, removed, originalLength);
    }
    if (length < minLength) {
      return new Outcome(null, DropReason.TOO_SHORT_AFTER_DEDUP, removed, originalLength - length);
    }
    return new Outcome(out, null, removed, originalLength - length);
  }
}
