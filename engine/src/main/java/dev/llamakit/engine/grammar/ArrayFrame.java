package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * Inside a JSON array (after its {@code [}): items of the item node separated by commas, between
 * {@code minItems} and {@code maxItems} of them.
 *
 * @param count items read (capped at {@code minItems} when there is no upper bound, so equal states compare equal)
 * @param ws whitespace characters read in the current gap
 */
record ArrayFrame(SchemaNode node, int phase, int count, int ws) implements Frame {
  static final int AFTER_OPEN = 0, VALUE = 1, AFTER_VALUE = 2, AFTER_COMMA = 3;

  static ArrayFrame opened(SchemaNode node) {
    return new ArrayFrame(node, AFTER_OPEN, 0, 0);
  }

  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    if (phase != VALUE && Frame.isWhitespace(b)) {
      int g = Frame.gap(ws, b);
      if (g > 0) {
        out.add(stack.replace(new ArrayFrame(node, phase, count, g)));
      }
      return;
    }
    switch (phase) {
      case AFTER_OPEN, AFTER_COMMA -> {
        if (b == ']' && phase == AFTER_OPEN && node.minItems == 0) {
          out.add(stack.pop());
        } else if (count < node.maxItems) {
          Frame.open(node.items, b, stack.replace(new ArrayFrame(node, VALUE, count, 0)), out);
        }
      }
      case AFTER_VALUE -> {
        if (b == ',' && count < node.maxItems) {
          out.add(stack.replace(new ArrayFrame(node, AFTER_COMMA, count, 0)));
        } else if (b == ']' && count >= node.minItems) {
          out.add(stack.pop());
        }
      }
      default -> { }
    }
  }

  @Override
  public Frame childDone() {
    int c = count + 1;
    if (node.maxItems == Integer.MAX_VALUE) {
      c = Math.min(c, node.minItems);
    }
    return new ArrayFrame(node, AFTER_VALUE, c, 0);
  }
}
