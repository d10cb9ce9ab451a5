package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * One level of {@link JsonMatcher}'s pushdown stack: the part of a JSON value being read at that nesting level.
 * Frames are immutable; a step yields new stacks.
 */
interface Frame {
  /** Feeds byte {@code b} (0..255) to this frame, the top of {@code stack}; adds every successor stack to {@code out}. */
  void step(int b, Stack stack, List<Stack> out);

  /** Whether the value could be complete here without consuming more (a number after a digit). */
  default boolean canEnd() {
    return false;
  }

  /** This frame after the child value it opened has ended. */
  default Frame childDone() {
    throw new IllegalStateException(getClass().getSimpleName() + " has no child");
  }

  static boolean isWhitespace(int b) {
    return b == ' ' || b == '\n' || b == '\t' || b == '\r';
  }

  /**
   * Whitespace between two tokens of the JSON text: at most {@link SchemaNode#MAX_WHITESPACE} characters, each a
   * space or a newline (outlines' default allows one space; llama.cpp's JSON grammar a newline and 20 indents, which
   * lets a weak model spend its whole budget on indentation). Returns the gap's new length after byte {@code b}, or
   * -1 when {@code b} may not extend a gap of {@code ws} characters.
   */
  static int gap(int ws, int b) {
    return ws < SchemaNode.MAX_WHITESPACE && (b == ' ' || b == '\n') ? ws + 1 : -1;
  }

  /** Opens a value of {@code node} with its first byte {@code b}; {@code parent} waits for it (its top's childDone). */
  static void open(SchemaNode node, int b, Stack parent, List<Stack> out) {
    switch (node.kind) {
      case OBJECT -> {
        if (b == '{') {
          out.add(parent.push(ObjectFrame.opened(node)));
        }
      }
      case ARRAY -> {
        if (b == '[') {
          out.add(parent.push(ArrayFrame.opened(node)));
        }
      }
      case STRING -> {
        if (b == '"') {
          out.add(parent.push(StringFrame.opened(node.minLength, node.maxLength)));
        }
      }
      case NUMBER, INTEGER -> {
        Frame f = NumberFrame.start(node.kind == SchemaNode.Kind.INTEGER);
        f.step(b, parent.push(f), out);
      }
      case BOOLEAN -> LiteralFrame.open(LiteralFrame.BOOLEANS, b, parent, out);
      case NULL -> LiteralFrame.open(LiteralFrame.NULL, b, parent, out);
      case LITERALS -> LiteralFrame.open(node.literals, b, parent, out);
      case ANY_OF -> {
        for (SchemaNode alt : node.alternatives) {
          open(alt, b, parent, out);
        }
      }
      case ANY -> {
        if (node.depth <= SchemaNode.MAX_FREE_DEPTH && (b == '{' || b == '[')) {
          out.add(parent.push(b == '{' ? ObjectFrame.opened(SchemaNode.freeObject(node.depth))
              : ArrayFrame.opened(SchemaNode.array(SchemaNode.any(node.depth + 1), 0, Integer.MAX_VALUE))));
        } else if (b == '"') {
          out.add(parent.push(StringFrame.opened(0, Integer.MAX_VALUE)));
        } else if (b == 't' || b == 'f') {
          LiteralFrame.open(LiteralFrame.BOOLEANS, b, parent, out);
        } else if (b == 'n') {
          LiteralFrame.open(LiteralFrame.NULL, b, parent, out);
        } else {
          Frame f = NumberFrame.start(false);
          f.step(b, parent.push(f), out);
        }
      }
    }
  }
}
