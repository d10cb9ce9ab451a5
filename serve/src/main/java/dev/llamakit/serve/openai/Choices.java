package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.inference.StopReason;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.serve.http.Exchanges;
import dev.llamakit.serve.moderation.InlineModeration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Pieces both OpenAI endpoints put in their responses: finish reasons, usage, token bytes. */
final class Choices {
  private Choices() {}

  /** OpenAI's finish_reason: {@code content_filter} when refused, {@code length} at the token limit, else stop. */
  static String finishReason(InlineModeration.Reply r) {
    if (r.refused()) {
      return "content_filter";
    }
    StopReason s = r.generation().stopReason();
    return s == StopReason.MAX_TOKENS || s == StopReason.CONTEXT_FULL ? "length" : "stop";
  }

  /** The generated tokens that belong to the reply: a final stop (end-of-generation) token is left out. */
  static int[] replyTokens(TextGeneration g) {
    if (g == null) {
      return new int[0];
    }
    int[] t = g.tokens();
    return g.stopReason() == StopReason.STOP_TOKEN && t.length > 0 ? Arrays.copyOf(t, t.length - 1) : t;
  }

  static ObjectNode usage(int prompt, TextGeneration g) {
    int completion = g == null ? 0 : g.tokens().length;
    ObjectNode u = Exchanges.JSON.createObjectNode();
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
    return u;
  }

  static ArrayNode bytes(TextEngine text, int token) {
    ArrayNode a = Exchanges.JSON.createArrayNode();
    for (byte b : text.tokenizer().tokenBytes(token)) {
      a.add(b & 0xff);
    }
    return a;
  }

  static String tokenString(TextEngine text, int token) {
    return new String(text.tokenizer().tokenBytes(token), StandardCharsets.UTF_8);
  }
}
