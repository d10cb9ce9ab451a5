package dev.llamakit.engine.inference;

import dev.llamakit.engine.model.KvCache;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored KV caches of token prefixes (few-shot prompts, safety policies), so later requests that start with one skip
 * recomputing it. Bounded by bytes: the least recently used entries are evicted once the total KV bytes exceed
 * {@link #maxBytes()}; an entry larger than the bound is not stored. Thread-safe.
 */
public final class PrefixCache {
  /** A cached prefix: its tokens, the KV of all of them, and the logits after the last one. */
  public record Entry(int[] tokens, KvCache kv, float[] lastLogits) {
    long bytes() {
      return kv.bytesFor(tokens.length) + 4L * lastLogits.length;
    }
  }

  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /** A cache holding at most {@code maxBytes} bytes of KV and logits. */
  public PrefixCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Bytes currently held. */
  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Stores an entry (replacing one with the same tokens) and evicts LRU entries beyond the bound. */
  public synchronized boolean put(Entry e) {
    if (e.bytes() > maxBytes) {
      return false;
    }
    Entry old = entries.put(key(e.tokens()), e);
    if (old != null) {
      bytes -= old.bytes();
    }
    bytes += e.bytes();
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Entry victim = it.next().getValue();
      if (victim == e) {
        continue;
      }
      it.remove();
      bytes -= victim.bytes();
    }
    return true;
  }

  /** The longest stored prefix of {@code tokens} (marked as recently used), or null. */
  public synchronized Entry longestPrefixOf(int[] tokens) {
    Entry best = null;
    for (Entry e : entries.values()) {
      if (e.tokens().length <= tokens.length && (best == null || e.tokens().length > best.tokens().length)
          && Arrays.equals(e.tokens(), 0, e.tokens().length, tokens, 0, e.tokens().length)) {
        best = e;
      }
    }
    if (best != null) {
      entries.get(key(best.tokens()));
    }
    return best;
  }

  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  private static String key(int[] tokens) {
    return Arrays.toString(tokens);
  }
}
