package dev.llamakit.engine.chat;

import java.util.List;

/**
 * The Llama 2 {@code [INST]} template and its three llama.cpp variants.
 *
 * <p>{@code llama2} folds a system message into the first user turn followed by a newline; {@code llama2-sys} wraps it
 * in {@code <<SYS>>\n…\n<</SYS>>\n\n}; {@code llama2-sys-bos} also writes {@code <s>} before every {@code [INST]} after
 * the first; {@code llama2-sys-strip} also trims each message. An assistant message closes the turn with {@code </s>}.
 * The template never ends with an assistant opening, so {@code addAssistantPrompt} changes nothing (as in llama.cpp).
 */
public final class Llama2Template implements ChatTemplate {
  /** The llama.cpp variants. */
  public enum Variant {
    LLAMA2("llama2", false, false, false),
    LLAMA2_SYS("llama2-sys", true, false, false),
    LLAMA2_SYS_BOS("llama2-sys-bos", true, true, false),
    LLAMA2_SYS_STRIP("llama2-sys-strip", true, false, true);

    final String llamaCppName;
    final boolean systemBlock;
    final boolean bosInsideHistory;
    final boolean strip;

    Variant(String llamaCppName, boolean systemBlock, boolean bosInsideHistory, boolean strip) {
      this.llamaCppName = llamaCppName;
      this.systemBlock = systemBlock;
      this.bosInsideHistory = bosInsideHistory;
      this.strip = strip;
    }
  }

  private static final String T = "llama2";
  private final Variant variant;
  private final String turnOpen = TemplateFragments.get(T, "turn_open");
  private final String turnOpenWithBos = TemplateFragments.get(T, "turn_open_with_bos");
  private final String userClose = TemplateFragments.get(T, "user_close");
  private final String systemOpen = TemplateFragments.get(T, "system_open");
  private final String systemClose = TemplateFragments.get(T, "system_close");
  private final String systemFoldedClose = TemplateFragments.get(T, "system_folded_close");
  private final String assistantClose = TemplateFragments.get(T, "assistant_close");
  private final List<String> stop = TemplateFragments.list(T, "stop");

  public Llama2Template(Variant variant) {
    this.variant = variant;
  }

  @Override
  public String name() {
    return variant.llamaCppName;
  }

  public Variant variant() {
    return variant;
  }

  @Override
  public String render(List<Message> messages, boolean addAssistantPrompt) {
    StringBuilder sb = new StringBuilder(turnOpen);
    boolean insideTurn = true;
    for (Message m : messages) {
      String content = variant.strip ? Trim.trim(m.content()) : m.content();
      if (!insideTurn) {
        insideTurn = true;
        sb.append(variant.bosInsideHistory ? turnOpenWithBos : turnOpen);
      }
      switch (m.role()) {
        case "system" -> {
          if (variant.systemBlock) {
            sb.append(systemOpen).append(content).append(systemClose);
          } else {
            sb.append(content).append(systemFoldedClose);
          }
        }
        case "user" -> sb.append(content).append(userClose);
        default -> {
          sb.append(content).append(assistantClose);
          insideTurn = false;
        }
      }
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
