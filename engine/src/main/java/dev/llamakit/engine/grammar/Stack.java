package dev.llamakit.engine.grammar;

/** An immutable pushdown stack of {@link Frame}s; the bottom is always the {@link RootFrame}. */
record Stack(Frame top, Stack below) {
  Stack push(Frame f) {
    return new Stack(f, this);
  }

  Stack replace(Frame f) {
    return new Stack(f, below);
  }

  /** The stack after the top frame's value ended: the frame below, told that its child is done. */
  Stack pop() {
    return new Stack(below.top.childDone(), below.below);
  }

  /** Whether the text read so far is one complete JSON value (a trailing number may end here). */
  boolean accepting() {
    Stack s = this;
    while (true) {
      if (s.top instanceof RootFrame r) {
        return r.done();
      }
      if (!s.top.canEnd()) {
        return false;
      }
      s = s.pop();
    }
  }
}
