package dev.llamakit.engine.tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache from a pre-tokenized word to its token ids, shared by all threads using one
 * tokenizer. Benchmarks re-tokenize the same few-shot prefixes thousands of times; the words repeat.
 */
final class WordCache {
  private final int capacity;
  private final LinkedHashMap<String, int[]> map;

  WordCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
        return size() > WordCache.this.capacity;
      }
    };
  }

  /** The cached ids (do not modify), or null. */
  synchronized int[] get(String word) {
    return map.get(word);
  }

  synchronized void put(String word, int[] ids) {
    map.put(word, ids);
  }

  synchronized int size() {
    return map.size();
  }
}
