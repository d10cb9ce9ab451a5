package dev.llamakit.safety.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.safety.Decision;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.util.stream.Collectors;

/**
 * Shapes a {@link ShieldResult} as llama-stack's {@code RunShieldResponse}: {@code {"violation": null}} when allowed,
 * else {@code {"violation": {"violation_level": "warn"|"error", "user_message", "metadata": {"violation_type":
 * "S1,S3", ...}}}}. BLOCK and ERROR are level {@code error} (ERROR adds {@code metadata.error}); WARN is {@code warn}.
 */
public final class RunShieldResponse {
  /** llama-stack's canned refusal text. */
  public static final String CANNED = "I can't answer that. Can I help with something else?";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunShieldResponse() {}

  /** The response body for one shield run. */
  public static ObjectNode of(ShieldResult r) {
    ObjectNode root = JSON.createObjectNode();
    if (r.decision() == Decision.ALLOW) {
      root.putNull("violation");
      return root;
    }
    ObjectNode v = root.putObject("violation");
    v.put("violation_level", r.decision() == Decision.WARN ? "warn" : "error");
    v.put("user_message", CANNED);
    ObjectNode meta = v.putObject("metadata");
    meta.put("violation_type", r.categories().stream().map(Category::code).collect(Collectors.joining(",")));
    meta.put("shield_id", r.shieldId());
    meta.put("score", r.score());
    if (r.decision() == Decision.ERROR) meta.put("error", r.detail());
    return root;
  }
}
