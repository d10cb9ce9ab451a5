package dev.llamakit.engine.inference;

/** Why generation ended. */
public enum StopReason {
  MAX_TOKENS, STOP_TOKEN, STOP_STRING, CONTEXT_FULL, LISTENER
}
