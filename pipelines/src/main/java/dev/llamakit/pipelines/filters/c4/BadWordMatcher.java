package dev.llamakit.pipelines.filters.c4;

import dev.llamakit.pipelines.text.PyWords;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * tfds's bad-words regex {@code (?:\W|^)(w1|w2|...)(?:\W|$)} searched in lower-cased text, as a character trie: a
 * word matches where it starts at the text start or after a non-word character and ends at the text end or before
 * one. Without boundaries ({@code ja, th, zh}) any occurrence matches. Thread-safe once built.
 */
final class BadWordMatcher {
  private static final class Node {
    final Map<Character, Node> next = new HashMap<>(4);
    String word; // non-null where a list entry ends
  }

  private final Node root = new Node();
  private final boolean boundaries;

  BadWordMatcher(Collection<String> words, boolean boundaries) {
    this.boundaries = boundaries;
    for (String w : words) {
      Node n = root;
      for (int i = 0; i < w.length(); i++) {
        n = n.next.computeIfAbsent(w.charAt(i), c -> new Node());
      }
      n.word = w;
    }
  }

  /** The first list entry found in {@code lower} (already lower-cased), or null. */
  String find(String lower) {
    int len = lower.length();
    for (int i = 0; i < len; i++) {
      if (boundaries && i > 0 && PyWords.isWordChar(lower.codePointBefore(i))) {
        continue;
      }
      Node n = root;
      for (int k = i; k < len; k++) {
        n = n.next.get(lower.charAt(k));
        if (n == null) {
          break;
        }
        if (n.word != null && (!boundaries || k + 1 == len || !PyWords.isWordChar(lower.codePointAt(k + 1)))) {
          return n.word;
        }
      }
    }
    return null;
  }
}
