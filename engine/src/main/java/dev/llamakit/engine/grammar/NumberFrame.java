package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * A JSON number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, digit runs bounded by
 * {@link SchemaNode#MAX_DIGITS} and {@link SchemaNode#MAX_EXPONENT_DIGITS}; integers have no fraction and no
 * exponent. The number ends when a byte that cannot continue it arrives: that byte goes to the frame below.
 */
record NumberFrame(boolean integer, int phase, int digits) implements Frame {
  static final int START = 0, MINUS = 1, ZERO = 2, INT = 3, DOT = 4, FRAC = 5, EXP = 6, EXP_SIGN = 7, EXP_DIGITS = 8;

  static NumberFrame start(boolean integer) {
    return new NumberFrame(integer, START, 0);
  }

  @Override
  public boolean canEnd() {
    return phase == ZERO || phase == INT || phase == FRAC || phase == EXP_DIGITS;
  }

  @Override
  public void step(int b, Stack stack, List<Stack> out) {
    NumberFrame next = next(b);
    if (next != null) {
      out.add(stack.replace(next));
    }
    if (canEnd()) {
      Stack popped = stack.pop();
      popped.top().step(b, popped, out);
    }
  }

  private NumberFrame next(int b) {
    boolean digit = b >= '0' && b <= '9';
    return switch (phase) {
      case START -> b == '-' ? at(MINUS, 0) : b == '0' ? at(ZERO, 0) : digit ? at(INT, 1) : null;
      case MINUS -> b == '0' ? at(ZERO, 0) : digit ? at(INT, 1) : null;
      case ZERO, INT -> {
        if (digit && phase == INT && digits < SchemaNode.MAX_DIGITS) {
          yield at(INT, digits + 1);
        }
        if (integer) {
          yield null;
        }
        yield b == '.' ? at(DOT, 0) : b == 'e' || b == 'E' ? at(EXP, 0) : null;
      }
      case DOT -> digit ? at(FRAC, 1) : null;
      case FRAC -> digit && digits < SchemaNode.MAX_DIGITS ? at(FRAC, digits + 1)
          : b == 'e' || b == 'E' ? at(EXP, 0) : null;
      case EXP -> b == '+' || b == '-' ? at(EXP_SIGN, 0) : digit ? at(EXP_DIGITS, 1) : null;
      case EXP_SIGN -> digit ? at(EXP_DIGITS, 1) : null;
      case EXP_DIGITS -> digit && digits < SchemaNode.MAX_EXPONENT_DIGITS ? at(EXP_DIGITS, digits + 1) : null;
      default -> null;
    };
  }

  private NumberFrame at(int p, int d) {
    return new NumberFrame(integer, p, d);
  }
}
