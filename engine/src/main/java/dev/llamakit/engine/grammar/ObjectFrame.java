package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * Inside a JSON object (after its {@code {}). A schema object writes its properties in declaration order, each
 * optional one may be left out, no other key is allowed, and {@code }} comes only when no required property is
 * left. A free object ({@code json_object}) takes any string keys and any values.
 *
 * @param phase where in the object: {@link #AFTER_OPEN}, {@link #KEY}, {@link #AFTER_KEY}, {@link #AFTER_COLON},
 *     {@link #VALUE}, {@link #AFTER_VALUE}, {@link #AFTER_COMMA}
 * @param next the first property not yet written (schema objects)
 * @param keyMask while reading a key: the properties whose key still matches (bit i = property i)
 * @param pos while reading a key: bytes of the quoted key read so far
 * @param current the property whose key was read
 * @param ws whitespace characters read in the current gap
 */
record ObjectFrame(SchemaNode node, int phase, int next, long keyMask, int pos, int current, int ws)
    implements Frame {
  static final int AFTER_OPEN = 0, KEY = 1, AFTER_KEY = 2, AFTER_COLON = 3, VALUE = 4, AFTER_VALUE = 5,
      AFTER_COMMA = 6;

  static ObjectFrame opened(SchemaNode node) {
    return new ObjectFrame(node, AFTER_OPEN, 0, 0, 0, -1, 0);
  }

  private ObjectFrame at(int p) {
    return new ObjectFrame(node, p, next, 0, 0, current, 0);
  }

  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    boolean gap = phase != KEY && phase != VALUE;
    if (gap && Frame.isWhitespace(b)) {
      int g = Frame.gap(ws, b);
      if (g > 0) {
        out.add(stack.replace(new ObjectFrame(node, phase, next, keyMask, pos, current, g)));
      }
      return;
    }
    int n = node.free ? 0 : node.keys.length;
    switch (phase) {
      case AFTER_OPEN, AFTER_COMMA -> {
        if (b == '"') {
          startKey(stack, out);
        } else if (b == '}' && phase == AFTER_OPEN && (node.free || node.firstRequiredFrom[next] == n)) {
          out.add(stack.pop());
        }
      }
      case KEY -> readKey(b, stack, out);
      case AFTER_KEY -> {
        if (b == ':') {
          out.add(stack.replace(at(AFTER_COLON)));
        }
      }
      case AFTER_COLON -> Frame.open(node.free ? SchemaNode.any(node.depth + 1) : node.values[current], b,
          stack.replace(at(VALUE)), out);
      case AFTER_VALUE -> {
        if (b == ',' && (node.free || next < n)) {
          out.add(stack.replace(at(AFTER_COMMA)));
        } else if (b == '}' && (node.free || node.firstRequiredFrom[next] == n)) {
          out.add(stack.pop());
        }
      }
      default -> { }
    }
  }

  /** After the opening quote of a key: a free key is any string; a schema key is one of the next properties. */
  private void startKey(Stack stack, List<Stack> out) {
    if (node.free) {
      out.add(stack.replace(at(KEY)).push(StringFrame.opened(0, Integer.MAX_VALUE)));
      return;
    }
    int n = node.keys.length;
    int last = Math.min(node.firstRequiredFrom[next], n - 1);
    long mask = 0;
    for (int i = next; i <= last; i++) {
      mask |= 1L << i;
    }
    if (mask != 0) {
      out.add(stack.replace(new ObjectFrame(node, KEY, next, mask, 1, current, 0)));
    }
  }

  private void readKey(int b, Stack stack, List<Stack> out) {
    long mask = 0;
    for (long m = keyMask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      byte[] k = node.keys[i];
      if ((k[pos] & 0xff) == b) {
        if (k.length == pos + 1) {
          out.add(stack.replace(new ObjectFrame(node, AFTER_KEY, i + 1, 0, 0, i, 0)));
        } else {
          mask |= 1L << i;
        }
      }
    }
    if (mask != 0) {
      out.add(stack.replace(new ObjectFrame(node, KEY, next, mask, pos + 1, current, 0)));
    }
  }

  @Override
  public Frame childDone() {
    return phase == KEY ? at(AFTER_KEY) : at(AFTER_VALUE);
  }
}
