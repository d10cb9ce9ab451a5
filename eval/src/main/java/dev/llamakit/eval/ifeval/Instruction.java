package dev.llamakit.eval.ifeval;

/**
 * One verifiable instruction of IFEval with its arguments bound (lm-eval's {@code Instruction} after
 * {@code build_description(**kwargs)}): decides whether a response follows it ({@code check_following}).
 */
public interface Instruction {
  /** True when {@code response} follows the instruction. */
  boolean follows(String response);
}
