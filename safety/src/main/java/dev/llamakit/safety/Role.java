package dev.llamakit.safety;

/** Who wrote a message: the person ({@link #USER}), the model ({@link #ASSISTANT}) or a third party ({@link #TOOL}). */
public enum Role {
  /** The person talking to the model. */
  USER,
  /** The model's reply. */
  ASSISTANT,
  /** Third-party content placed in the context: tool results, retrieved documents, web pages. */
  TOOL;

  /** Parses {@code user}, {@code assistant} (or {@code agent}) and {@code tool} (or {@code document}), any case. */
  public static Role parse(String s) {
    return switch (s == null ? "" : s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "user" -> USER;
      case "assistant", "agent" -> ASSISTANT;
      case "tool", "ipython", "document" -> TOOL;
      default -> throw new IllegalArgumentException("unknown role '" + s + "' (expected user, assistant or tool)");
    };
  }
}
