package dev.llamakit.engine.grammar;

import java.util.List;

/** The bottom of the stack: optional whitespace, then one value of the schema's root node, then nothing. */
record RootFrame(SchemaNode node, boolean done, int ws) implements Frame {
  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    if (done) {
      return;
    }
    if (Frame.isWhitespace(b)) {
      int g = Frame.gap(ws, b);
      if (g > 0) {
        out.add(stack.replace(new RootFrame(node, false, g)));
      }
      return;
    }
    Frame.open(node, b, stack, out);
  }

  @Override
  public Frame childDone() {
    return new RootFrame(node, true, 0);
  }
}
