package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;

/** {@code punctuation:no_comma} ({@code CommaChecker}, no kwargs): no ASCII comma anywhere. */
public final class NoComma implements Instruction {
  public NoComma(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    return response.indexOf(',') < 0;
  }
}
