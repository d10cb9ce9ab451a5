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

  /**
   * Inside a string's plain text (not in an escape, not inside a UTF-8 character) with one reading only: how many
   * more code points the string may take ({@link Integer#MAX_VALUE} without a bound); -1 in any other state. A token
   * made only of plain string text (no quote, no backslash, no control character, valid UTF-8) of at most that many
   * code points is then allowed without reading it byte by byte.
   */
  public int stringRoom() {
    if (stacks.size() != 1 || !(stacks.get(0).top() instanceof StringFrame f) || f.mode() != 0 || f.need() != 0) {
      return -1;
    }
    return f.max() == Integer.MAX_VALUE ? Integer.MAX_VALUE : f.max() - f.count();
  }

  /**
   * The code points of {@code bytes} when they are plain string text read from the start of a character (see
   * {@link #stringRoom}; a UTF-8 character cut at the end counts), or -1.
   */
  public static int plainStringCodePoints(byte[] bytes) {
    Stack s = new Stack(StringFrame.opened(0, Integer.MAX_VALUE - 1), new Stack(new RootFrame(null, false, 0), null));
    List<Stack> out = new ArrayList<>(1);
    for (byte b : bytes) {
      out.clear();
      s.top().step(b & 0xff, s, out);
      if (out.size() != 1 || !(out.get(0).top() instanceof StringFrame f) || f.mode() != 0) {
        return -1;
      }
      s = out.get(0);
    }
    return bytes.length == 0 ? -1 : ((StringFrame) s.top()).count();
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
