package dev.llamakit.safety.llamaguard;

import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.policy.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a conversation into the exact prompt text of a {@link LlamaGuardVariant}, byte for byte as the reference
 * templates do (golden-tested against {@code golden/chat/llama_guard.jsonl}).
 *
 * <p>Rules (HF templates): messages must start with a user turn and alternate user/assistant; each message is
 * written {@code "User: " | "Agent: "} + Python's {@code content.strip()} + {@code "\n\n"}; the role being judged is the
 * last message's ({@code User} for prompt classification, {@code Agent} for response classification).
 */
public final class LlamaGuardPrompt {
  private final LlamaGuardVariant variant;

  /** A renderer for the given variant. */
  public LlamaGuardPrompt(LlamaGuardVariant variant) { this.variant = variant; }

  public LlamaGuardVariant variant() { return variant; }

  /** Which side of the conversation is judged. */
  public enum Classification {
    /** The last user message (the assistant's reply, if present, is left out). */
    USER,
    /** The last assistant message, with the user turns as context. */
    AGENT
  }

  /** Renders with the judged role taken from the last message. */
  public String render(List<Message> messages) {
    validate(messages);
    return fill(messages);
  }

  /** Renders for the given classification: USER drops messages after the last user turn. */
  public String render(List<Message> messages, Classification c) {
    validate(messages);
    List<Message> use = messages;
    if (c == Classification.USER) {
      int last = -1;
      for (int i = 0; i < messages.size(); i++) if (messages.get(i).role() == Role.USER) last = i;
      use = messages.subList(0, last + 1);
    } else if (messages.getLast().role() != Role.ASSISTANT) {
      throw new IllegalArgumentException("agent classification needs a conversation ending with an assistant turn");
    }
    return fill(use);
  }

  /** The categories block: one line per category, separated by {@code "\n"}. */
  public String categoriesBlock() {
    List<String> lines = new ArrayList<>();
    boolean all = variant.trailingSpace().contains("*");
    for (Category c : variant.taxonomy().categories()) {
      StringBuilder s = new StringBuilder(c.code()).append(": ").append(c.name()).append('.');
      if (all || variant.trailingSpace().contains(c.id())) s.append(' ');
      if (variant.descriptions() && !c.description().isEmpty()) s.append('\n').append(c.description());
      lines.add(s.toString());
    }
    return String.join("\n", lines);
  }

  private String fill(List<Message> messages) {
    StringBuilder conv = new StringBuilder();
    for (Message m : messages) {
      conv.append(m.role() == Role.USER ? "User" : "Agent").append(": ").append(pythonStrip(m.content())).append("\n\n");
    }
    String agentType = messages.getLast().role() == Role.USER ? "User" : "Agent";
    String t = variant.template();
    // Replace placeholders in one left-to-right pass so that message text containing "$categories" stays literal.
    StringBuilder out = new StringBuilder(t.length() + conv.length() + 1024);
    int i = 0;
    while (i < t.length()) {
      if (t.startsWith("$agent_type", i)) { out.append(agentType); i += "$agent_type".length(); }
      else if (t.startsWith("$categories", i)) { out.append(categoriesBlock()); i += "$categories".length(); }
      else if (t.startsWith("$conversations", i)) { out.append(conv); i += "$conversations".length(); }
      else out.append(t.charAt(i++));
    }
    return out.toString();
  }

  /**
   * Python's {@code str.strip()} (what the HF templates apply): removes leading and trailing characters for which
   * {@code str.isspace()} is true. Unlike Java's {@link String#strip()} this includes U+0085, U+00A0, U+2007 and
   * U+202F.
   */
  static String pythonStrip(String s) {
    int a = 0, b = s.length();
    while (a < b && isPythonSpace(s.charAt(a))) a++;
    while (b > a && isPythonSpace(s.charAt(b - 1))) b--;
    return s.substring(a, b);
  }

  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
  }

  private static void validate(List<Message> messages) {
    if (messages.isEmpty()) throw new IllegalArgumentException("Llama Guard needs at least one message");
    for (int i = 0; i < messages.size(); i++) {
      Role expected = i % 2 == 0 ? Role.USER : Role.ASSISTANT;
      if (messages.get(i).role() != expected) {
        throw new IllegalArgumentException("Llama Guard conversations must alternate user/assistant starting with"
            + " user; message " + i + " is " + messages.get(i).role());
      }
    }
  }
}
