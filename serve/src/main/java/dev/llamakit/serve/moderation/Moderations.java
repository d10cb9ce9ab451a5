package dev.llamakit.serve.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.api.OpenAiModeration;
import dev.llamakit.serve.http.ApiException;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/moderations}: OpenAI's moderation shape ({@code flagged}, {@code categories},
 * {@code category_scores}) from the server's user-input shields, one result per input text ({@code input}: a string
 * or an array of strings).
 */
public final class Moderations implements Endpoint {
  /** The route. */
  public static final String PATH = "/v1/moderations";
  private final List<Shield> shields;
  private final InlineModeration record;
  private final int maxBodyBytes;

  public Moderations(List<Shield> shields, InlineModeration record, int maxBodyBytes) {
    this.shields = List.copyOf(shields);
    this.record = record;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(HttpExchange ex, String rid) throws Exception {
    JsonNode body = Exchanges.readJsonObject(ex, maxBodyBytes);
    JsonNode input = body.get("input");
    List<String> texts = new ArrayList<>();
    if (input != null && input.isTextual()) {
      texts.add(input.asText());
    } else if (input != null && input.isArray() && !input.isEmpty()) {
      for (int i = 0; i < input.size(); i++) {
        if (!input.get(i).isTextual()) {
          throw ApiException.badRequest("input", "input[" + i + "] must be a string (only text is moderated)");
        }
        texts.add(input.get(i).asText());
      }
    } else {
      throw ApiException.badRequest("input", "input must be a string or a non-empty array of strings");
    }
    List<List<ShieldResult>> perText = new ArrayList<>();
    for (String t : texts) {
      List<Message> conv = List.of(Message.user(t));
      List<ShieldResult> rs = new ArrayList<>();
      for (Shield s : shields) {
        rs.add(s.check(conv));
      }
      record.recordChecks(rid, PATH, rs.stream().noneMatch(r -> r.decision().blocks()), rs, conv);
      perText.add(rs);
    }
    String model = String.join("+", shields.stream().map(Shield::id).toList());
    Exchanges.sendJson(ex, 200, OpenAiModeration.response(rid, model, perText));
  }
}
