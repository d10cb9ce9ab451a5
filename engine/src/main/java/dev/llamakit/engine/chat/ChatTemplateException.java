package dev.llamakit.engine.chat;

/** A chat template is unknown, not implemented, or cannot render the given messages. */
public class ChatTemplateException extends RuntimeException {
  public ChatTemplateException(String message) {
    super(message);
  }
}
