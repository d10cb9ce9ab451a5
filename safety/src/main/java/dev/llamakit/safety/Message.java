package dev.llamakit.safety;

import java.util.Objects;

/** One turn of a conversation given to a shield: who wrote it and its text. */
public record Message(Role role, String content) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A user turn. */
  public static Message user(String content) { return new Message(Role.USER, content); }

  /** A model turn. */
  public static Message assistant(String content) { return new Message(Role.ASSISTANT, content); }

  /** Third-party content (tool result, retrieved document). */
  public static Message tool(String content) { return new Message(Role.TOOL, content); }
}
