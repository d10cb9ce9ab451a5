package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.serve.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code messages} of a chat request: roles {@code system}, {@code user}, {@code assistant}, {@code tool}; content
 * a string, an array of {@code {"type": "text", "text": ...}} parts (joined), or null (an assistant turn that only
 * called tools). Anything else is a 400 naming {@code messages[i]}.
 */
final class ChatMessages {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  private ChatMessages() {}

  static List<Message> parse(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ApiException.badRequest("messages", "messages must be a non-empty array of {role, content}");
    }
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String at = "messages[" + i + "]";
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw ApiException.badRequest(at, at + " must be an object with a string role");
      }
      String role = m.get("role").asText();
      if (!ROLES.contains(role)) {
        throw ApiException.badRequest(at + ".role", at + ".role '" + role + "' is not one of " + ROLES);
      }
      out.add(new Message(role, content(m.get("content"), at)));
    }
    return out;
  }

  private static String content(JsonNode c, String at) {
    if (c == null || c.isNull()) {
      return "";
    }
    if (c.isTextual()) {
      return c.asText();
    }
    if (c.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : c) {
        if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
          throw ApiException.badRequest(at + ".content", at + ".content: only text parts are supported, got " + part);
        }
        b.append(part.get("text").asText());
      }
      return b.toString();
    }
    throw ApiException.badRequest(at + ".content", at + ".content must be a string or an array of text parts");
  }

  /**
   * The conversation as the shields see it: system turns are judged as user turns (a client writes them too), tool
   * results as TOOL, replies as ASSISTANT.
   */
  static List<dev.llamakit.safety.Message> forShields(List<Message> messages) {
    List<dev.llamakit.safety.Message> out = new ArrayList<>();
    for (Message m : messages) {
      Role r = switch (m.role()) {
        case "assistant" -> Role.ASSISTANT;
        case "tool" -> Role.TOOL;
        default -> Role.USER;
      };
      out.add(new dev.llamakit.safety.Message(r, m.content()));
    }
    return out;
  }
}
