package dev.llamakit.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether parsed JSON is text. JSON may escape half a character ({@code "\ud800"}): it parses, but no UTF-8 can carry
 * it, so it would reach a prompt or a program as {@code ?}, or crash the writer of a result. Every module's JSON
 * loaders reject such values with {@link #firstNonText} and quote parser messages through {@link #printable}.
 */
public final class JsonText {
  private JsonText() {}

  /** The first string (value or key) of {@code n} that is not valid Unicode text, escaped; null when all are. */
  public static String firstNonText(JsonNode n) {
    if (n == null) return null;
    if (n.isTextual()) return isText(n.textValue()) ? null : escaped(n.textValue());
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!isText(e.getKey())) return escaped(e.getKey());
        String bad = firstNonText(e.getValue());
        if (bad != null) return bad;
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        String bad = firstNonText(c);
        if (bad != null) return bad;
      }
    }
    return null;
  }

  /** True when {@code s} is valid Unicode text (no unpaired surrogate). */
  public static boolean isText(String s) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  /** A diagnostic made safe to write as UTF-8: unpaired surrogates (a parser quoting half a character) as U+FFFD. */
  public static String printable(String message) {
    if (message == null || isText(message)) return message;
    StringBuilder sb = new StringBuilder(message.length());
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < message.length()
          && Character.isLowSurrogate(message.charAt(i + 1));
      if (paired) {
        sb.append(c).append(message.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  /** The first unpaired surrogate of {@code s} as a {@code \\uXXXX} escape. */
  private static String escaped(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("\\u%04x", (int) c);
      }
    }
    return "?";
  }
}
