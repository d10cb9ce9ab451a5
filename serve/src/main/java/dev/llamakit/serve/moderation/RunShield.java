package dev.llamakit.serve.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.api.RunShieldResponse;
import dev.llamakit.serve.http.ApiException;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/safety/run-shield}: Llama Stack's {@code run_shield} ({@code {shield_id, messages, params}} in,
 * {@code {"violation": null | {...}}} out) on any shield the server has (an unknown id is a 404 that lists them). Message roles: user, assistant, tool (ipython), and system (judged as user).
 */
public final class RunShield implements Endpoint {
  /** The route. */
  public static final String PATH = "/v1/safety/run-shield";
  private final Map<String, Shield> shields;
  private final InlineModeration record;
  private final int maxBodyBytes;

  public RunShield(Map<String, Shield> shields, InlineModeration record, int maxBodyBytes) {
    this.shields = Map.copyOf(shields);
    this.record = record;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange ex, String rid) throws Exception {
    JsonNode body = Exchanges.readJsonObject(ex, maxBodyBytes);
    if (!body.path("shield_id").isTextual()) {
      throw ApiException.badRequest("shield_id", "shield_id (a string) is required; shields: "
          + shields.keySet().stream().sorted().toList());
    }
    String id = body.get("shield_id").asText();
    Shield shield = shields.get(id);
    if (shield == null) {
      throw new ApiException(404, "invalid_request_error", "shield_id", "shield_not_found", "unknown shield '" + id
          + "'; this server has " + shields.keySet().stream().sorted().toList());
    }
    JsonNode ms = body.get("messages");
    if (ms == null || !ms.isArray() || ms.isEmpty()) {
      throw ApiException.badRequest("messages", "messages must be a non-empty array of {role, content}");
    }
    List<Message> conv = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
        throw ApiException.badRequest("messages", "messages[" + i + "] must have a string role and content");
      }
      String role = m.get("role").asText();
      Role r;
      try {
        r = role.equals("system") ? Role.USER : Role.parse(role);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("messages", "messages[" + i + "]: " + e.getMessage());
      }
      conv.add(new Message(r, m.get("content").asText()));
    }
    ShieldResult r = shield.check(conv);
    record.recordChecks(rid, PATH, !r.decision().blocks(), List.of(r), conv);
    Exchanges.sendJson(ex, 200, RunShieldResponse.of(r));
  }
}
