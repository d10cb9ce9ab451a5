package dev.llamakit.engine.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A value that must be one of a few fixed texts ({@code true}, {@code null}, an enum's values as compact JSON): the
 * candidates still matching and how many bytes of them were read.
 */
record LiteralFrame(byte[][] candidates, int pos) implements Frame {
  static final byte[][] BOOLEANS = {bytes("true"), bytes("false")};
  static final byte[][] NULL = {bytes("null")};

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Opens a literal with its first byte. */
  static void open(byte[][] candidates, int b, Stack parent, List<Stack> out) {
    LiteralFrame f = new LiteralFrame(candidates, 0);
    f.step(b, parent.push(f), out);
  }

  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    List<byte[]> longer = null;
    boolean complete = false;
    for (byte[] c : candidates) {
      if (c.length > pos && (c[pos] & 0xff) == b) {
        if (c.length == pos + 1) {
          complete = true;
        } else {
          if (longer == null) {
            longer = new ArrayList<>(candidates.length);
          }
          longer.add(c);
        }
      }
    }
    if (complete) {
      out.add(stack.pop());
    }
    if (longer != null) {
      out.add(stack.replace(new LiteralFrame(longer.toArray(byte[][]::new), pos + 1)));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiteralFrame l && l.pos == pos && Arrays.deepEquals(l.candidates, candidates);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(candidates) * 31 + pos;
  }
}
