package dev.llamakit.engine.grammar;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A byte-level pushdown matcher for the JSON texts a {@link SchemaNode} allows: {@link #advance} says whether one
 * more byte can still lead to a valid text, {@link #accepting} whether the bytes so far are a complete one.
 *
 * <p>Immutable: every step returns a new matcher, so a caller can try many continuations from one state (the token
 * trie walk of {@link dev.llamakit.engine.grammar.TokenMask}). The state is a small set of pushdown stacks, one per
 * reading still possible ({@code anyOf} alternatives, enum values sharing a prefix, a number that may end or go on);
 * it is deduplicated, so it stays small.
 *
 * <pre>{@code
 * JsonMatcher m = JsonMatcher.start(JsonSchemaCompiler.compile(schema));
 * for (byte b : "{\"a\": 1}".getBytes(UTF_8)) m = m.advance(b & 0xff);   // null once nothing can follow
 * m.accepting();   // true
 * }</pre>
 */
public final class JsonMatcher {
  private final List<Stack> stacks;

  private JsonMatcher(List<Stack> stacks) {
    this.stacks = stacks;
  }

  /** Before the first byte of a value of {@code root} (leading whitespace allowed). */
  public static JsonMatcher start(SchemaNode root) {
    return new JsonMatcher(List.of(new Stack(new RootFrame(root, false, 0), null)));
  }

  /** The matcher after byte {@code b} (0..255), or null when no valid text continues with it. */
  public JsonMatcher advance(int b) {
    List<Stack> out = new ArrayList<>(2);
    for (Stack s : stacks) {
      s.top().step(b, s, out);
    }
    if (out.isEmpty()) {
      return null;
    }
    if (out.size() > 1) {
      out = new ArrayList<>(new LinkedHashSet<>(out));
    }
    return new JsonMatcher(out);
  }

  /** The matcher after all of {@code bytes}, or null. */
  public JsonMatcher advance(byte[] bytes) {
    JsonMatcher m = this;
    for (int i = 0; i < bytes.length && m != null; i++) {
      m = m.advance(bytes[i] & 0xff);
    }
    return m;
  }

  /** Whether the bytes read form one complete value (generation may end here). */
  public boolean accepting() {
    for (Stack s : stacks) {
      if (s.accepting()) {
        return true;
      }
    }
    return false;
  }

  /** Whether no byte can follow (the value is complete and nothing may be appended). */
  public boolean finished() {
    for (Stack s : stacks) {
      if (!(s.top() instanceof RootFrame r && r.done())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonMatcher m && m.stacks.equals(stacks);
  }

  @Override
  public int hashCode() {
    return stacks.hashCode();
  }
}
