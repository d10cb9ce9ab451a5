package dev.llamakit.engine.constrain;

import dev.llamakit.engine.grammar.JsonMatcher;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vocabulary's token byte strings ({@link Tokenizer#tokenBytes}) in a byte trie, built once per tokenizer: a
 * constraint walks it with its matcher state, so tokens that share a prefix share the work, and a branch the matcher
 * rejects at its first byte is never looked at again. Control tokens and tokens without bytes are left out (they
 * render as no text); end-of-generation tokens are listed apart.
 *
 * <p>Inside a JSON string most of the vocabulary is allowed, so a second, small trie holds only the tokens that are
 * not plain string text (they hold a quote, a backslash, a control character or start inside a UTF-8 character), and
 * the plain ones are grouped by their length in code points ({@link #plainOfLength}): a mask in a string is then the
 * plain tokens short enough for the string's bound, plus a walk of the small trie.
 */
public final class TokenTrie {
  /** One trie node: the bytes of its children (ascending) and the tokens whose bytes end here. */
  public static final class Node {
    final byte[] labels;
    final Node[] children;
    final int[] tokens;

    Node(byte[] labels, Node[] children, int[] tokens) {
      this.labels = labels;
      this.children = children;
      this.tokens = tokens;
    }
  }

  private static final Map<Tokenizer, TokenTrie> CACHE = Collections.synchronizedMap(new IdentityHashMap<>());

  private final Node root;
  private final Node notPlain;
  private final long[][] plainOfLength;
  private final int vocabSize;
  private final int[] endOfGeneration;
  private final byte[][] bytes;
  private final int nodes;

  private TokenTrie(Node root, Node notPlain, long[][] plainOfLength, int vocabSize, int[] endOfGeneration,
      byte[][] bytes, int nodes) {
    this.root = root;
    this.notPlain = notPlain;
    this.plainOfLength = plainOfLength;
    this.vocabSize = vocabSize;
    this.endOfGeneration = endOfGeneration;
    this.bytes = bytes;
    this.nodes = nodes;
  }

  /** The trie of {@code tokenizer}'s vocabulary (built on first use, then kept for that tokenizer instance). */
  public static TokenTrie of(Tokenizer tokenizer) {
    return CACHE.computeIfAbsent(tokenizer, TokenTrie::build);
  }

  private static TokenTrie build(Tokenizer tok) {
    int v = tok.vocabSize();
    byte[][] bytes = new byte[v][];
    Builder root = new Builder();
    Builder notPlain = new Builder();
    java.util.List<long[]> plain = new java.util.ArrayList<>();
    int[] eog = new int[v];
    int ne = 0;
    for (int id = 0; id < v; id++) {
      if (tok.isEndOfGeneration(id)) {
        eog[ne++] = id;
        continue;
      }
      if (tok.isControl(id)) {
        continue;
      }
      byte[] b = tok.tokenBytes(id);
      if (b.length == 0) {
        continue;
      }
      bytes[id] = b;
      root.add(b, id);
      int cps = JsonMatcher.plainStringCodePoints(b);
      if (cps < 0) {
        notPlain.add(b, id);
      } else {
        while (plain.size() <= cps) {
          plain.add(new long[(v + 63) >>> 6]);
        }
        plain.get(cps)[id >>> 6] |= 1L << id;
      }
    }
    int[] count = {0};
    Node r = root.freeze(count);
    return new TokenTrie(r, notPlain.freeze(new int[1]), plain.toArray(long[][]::new), v, Arrays.copyOf(eog, ne),
        bytes, count[0]);
  }

  private static final class Builder {
    final TreeMap<Integer, Builder> kids = new TreeMap<>();
    int[] tokens = new int[0];

    void add(byte[] b, int id) {
      Builder n = this;
      for (byte x : b) {
        n = n.kids.computeIfAbsent(x & 0xff, k -> new Builder());
      }
      n.tokens = Arrays.copyOf(n.tokens, n.tokens.length + 1);
      n.tokens[n.tokens.length - 1] = id;
    }

    Node freeze(int[] count) {
      count[0]++;
      byte[] labels = new byte[kids.size()];
      Node[] children = new Node[kids.size()];
      int i = 0;
      for (Map.Entry<Integer, Builder> e : kids.entrySet()) {
        labels[i] = (byte) (int) e.getKey();
        children[i++] = e.getValue().freeze(count);
      }
      return new Node(labels, children, tokens);
    }
  }

  public Node root() {
    return root;
  }

  /** The trie of the tokens that are not plain string text. */
  Node notPlain() {
    return notPlain;
  }

  /** Bit sets of the plain-string-text tokens by length in code points ({@code [n]}: exactly n; n >= 1). */
  long[][] plainOfLength() {
    return plainOfLength;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** The end-of-generation token ids (EOS, EOT, ...). */
  public int[] endOfGeneration() {
    return endOfGeneration.clone();
  }

  int[] eogIds() {
    return endOfGeneration;
  }

  boolean isEndOfGeneration(int id) {
    for (int e : endOfGeneration) {
      if (e == id) {
        return true;
      }
    }
    return false;
  }

  /** The bytes of a token in the trie, or null for a token left out (control, empty, end of generation). */
  public byte[] bytes(int id) {
    return bytes[id];
  }

  /** Number of trie nodes (the root included). */
  public int nodes() {
    return nodes;
  }
}
