package dev.llamakit.safety.code;

/** How bad a rule's finding is: {@link #ERROR} blocks, {@link #WARNING} warns (CodeShield's treatment). */
public enum Severity { WARNING, ERROR }
