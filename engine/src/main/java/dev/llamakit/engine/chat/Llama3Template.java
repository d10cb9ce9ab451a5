package dev.llamakit.engine.chat;

import java.util.List;

/**
 * The Llama 3 template: per message {@code <|start_header_id|>role<|end_header_id|>\n\n} + trimmed content +
 * {@code <|eot_id|>}, then the assistant header when asked (even after an assistant message, as llama.cpp does).
 */
public final class Llama3Template implements ChatTemplate {
  private static final String T = "llama3";
  private final String headerOpen = TemplateFragments.get(T, "header_open");
  private final String headerClose = TemplateFragments.get(T, "header_close");
  private final String turnClose = TemplateFragments.get(T, "turn_close");
  private final String assistantRole = TemplateFragments.get(T, "assistant_role");
  private final List<String> stop = TemplateFragments.list(T, "stop");

  @Override
  public String name() {
    return "llama3";
  }

  @Override
  public String render(List<Message> messages, boolean addAssistantPrompt) {
    StringBuilder sb = new StringBuilder();
    for (Message m : messages) {
      sb.append(headerOpen).append(m.role()).append(headerClose).append(Trim.trim(m.content())).append(turnClose);
    }
    if (addAssistantPrompt) {
      sb.append(headerOpen).append(assistantRole).append(headerClose);
    }
    return sb.toString();
  }

  @Override
  public List<String> stopStrings() {
    return stop;
  }

  @Override
  public String toString() {
    return name();
  }
}
