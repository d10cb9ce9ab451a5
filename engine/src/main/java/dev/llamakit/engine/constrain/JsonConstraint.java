package dev.llamakit.engine.constrain;

import dev.llamakit.engine.grammar.JsonMatcher;
import dev.llamakit.engine.grammar.SchemaNode;
import dev.llamakit.engine.sampling.TokenConstraint;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Constrained decoding to JSON that matches a schema: before each pick, every token whose bytes the
 * {@link JsonMatcher} cannot take from its current state is masked, and end-of-generation tokens are allowed only
 * when the value is complete. So whatever the model prefers, the reply parses and validates.
 *
 * <p>One mask is one walk of the vocabulary's {@link TokenTrie} with the matcher state (a branch dies at its first
 * rejected byte). Masks are cached by matcher state (states compare by value: inside an unbounded string, or at the
 * same place of the next array item, the state repeats), up to {@link #CACHE_ENTRIES} per constraint; a constraint
 * is immutable apart from that cache and its counters, and may serve concurrent generations.
 *
 * <pre>{@code
 * TokenConstraint c = JsonConstraint.of(JsonSchemaCompiler.compile(schema), textEngine.tokenizer());
 * TextGeneration g = textEngine.generate(prompt, SamplingParams.greedy(256).withConstraint(c), TextListener.none());
 * }</pre>
 */
public final class JsonConstraint implements TokenConstraint {
  /** Masks kept per constraint. */
  public static final int CACHE_ENTRIES = 512;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final SchemaNode root;
  private final TokenTrie trie;
  private final Map<JsonMatcher, long[]> masks = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<JsonMatcher, long[]> e) {
      return size() > CACHE_ENTRIES;
    }
  };
  private final AtomicLong maskNanos = new AtomicLong();
  private final AtomicLong steps = new AtomicLong();
  private final AtomicLong walks = new AtomicLong();

  private JsonConstraint(SchemaNode root, TokenTrie trie) {
    this.root = root;
    this.trie = trie;
  }

  /** A constraint to values of {@code root} over {@code tokenizer}'s vocabulary. */
  public static JsonConstraint of(SchemaNode root, Tokenizer tokenizer) {
    return new JsonConstraint(root, TokenTrie.of(tokenizer));
  }

  @Override
  public Session start() {
    return new JsonSession(JsonMatcher.start(root));
  }

  /** A session from a given matcher state (tests compare its mask with a token-by-token check). */
  Session startAt(JsonMatcher state) {
    return new JsonSession(state);
  }

  /** Masks computed so far. */
  public long steps() {
    return steps.get();
  }

  /** Masks that needed a trie walk (the rest came from the cache). */
  public long walks() {
    return walks.get();
  }

  /**
   * CPU nanoseconds of the generating threads spent on masks (walks, cache look-ups, applying them to the logits):
   * thread CPU time, so a loaded machine does not inflate it.
   */
  public long maskNanos() {
    return maskNanos.get();
  }

  private long[] allowed(JsonMatcher m) {
    synchronized (masks) {
      long[] hit = masks.get(m);
      if (hit != null) {
        return hit;
      }
    }
    long[] bits = new long[(trie.vocabSize() + 63) >>> 6];
    int room = m.stringRoom();
    if (room < 0) {
      walk(trie.root(), m, bits);
    } else {
      // inside a string: plain text tokens that fit, and a walk over the few others
      long[][] plain = trie.plainOfLength();
      for (int n = 1; n < plain.length && n <= room; n++) {
        long[] p = plain[n];
        for (int i = 0; i < bits.length; i++) {
          bits[i] |= p[i];
        }
      }
      walk(trie.notPlain(), m, bits);
    }
    walks.incrementAndGet();
    synchronized (masks) {
      masks.put(m, bits);
    }
    return bits;
  }

  private static void walk(TokenTrie.Node n, JsonMatcher m, long[] bits) {
    for (int i = 0; i < n.labels.length; i++) {
      JsonMatcher next = m.advance(n.labels[i] & 0xff);
      if (next == null) {
        continue;
      }
      TokenTrie.Node c = n.children[i];
      for (int t : c.tokens) {
        bits[t >>> 6] |= 1L << t;
      }
      if (c.children.length > 0) {
        walk(c, next, bits);
      }
    }
  }

  private final class JsonSession implements Session {
    private JsonMatcher state;
    private boolean ended;

    JsonSession(JsonMatcher state) {
      this.state = state;
    }

    @Override
    public void mask(float[] logits, int off, int vocabSize) {
      long t0 = CPU.getCurrentThreadCpuTime();
      long[] bits = ended ? new long[(vocabSize + 63) >>> 6] : allowed(state);
      boolean eog = ended || state.accepting();
      int[] ends = trie.eogIds();
      float[] kept = new float[ends.length];
      for (int i = 0; i < ends.length; i++) {
        kept[i] = logits[off + ends[i]];
      }
      boolean any = false;
      for (int id = 0; id < vocabSize; id++) {
        if ((bits[id >>> 6] & (1L << id)) == 0) {
          logits[off + id] = Float.NEGATIVE_INFINITY;
        } else {
          any = true;
        }
      }
      if (eog || !any) {
        // A complete value may end; a dead end (no token continues it) can only end.
        for (int i = 0; i < ends.length; i++) {
          logits[off + ends[i]] = eog ? kept[i] : 0f;
        }
      }
      steps.incrementAndGet();
      maskNanos.addAndGet(CPU.getCurrentThreadCpuTime() - t0);
    }

    @Override
    public void accept(int token) {
      if (ended || trie.isEndOfGeneration(token)) {
        ended = true;
        return;
      }
      byte[] b = trie.bytes(token);
      JsonMatcher next = b == null ? null : state.advance(b);
      if (next == null) {
        throw new IllegalStateException("token " + token + " was picked although the JSON constraint masked it");
      }
      state = next;
    }
  }
}
