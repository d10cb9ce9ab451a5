package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code startend:quotation} ({@code QuotationChecker}, no kwargs): the stripped response is longer than one
 * character and starts and ends with {@code "}.
 */
public final class Quotation implements Instruction {
  public Quotation(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    String v = PyText.strip(response);
    return v.length() > 1 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"';
  }
}
