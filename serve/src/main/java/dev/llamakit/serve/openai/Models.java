package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;

/**
 * {@code GET /v1/models}: the one served model, as OpenAI lists models; {@link #one} answers
 * {@code GET /v1/models/{id}} for it.
 */
public final class Models implements Endpoint {
  /** The route. */
  public static final String PATH = "/v1/models";
  private final Backend b;

  public Models(Backend backend) {
    this.b = backend;
  }

  @Override
  public void handle(HttpExchange ex, String rid) throws Exception {
    ObjectNode root = Exchanges.JSON.createObjectNode();
    root.put("object", "list");
    root.putArray("data").add(model());
    Exchanges.sendJson(ex, 200, root);
  }

  /** The endpoint of {@code GET /v1/models/{id}} for the served model. */
  public Endpoint one() {
    return (ex, rid) -> Exchanges.sendJson(ex, 200, model());
  }

  private ObjectNode model() {
    ObjectNode m = Exchanges.JSON.createObjectNode();
    m.put("id", b.modelId());
    m.put("object", "model");
    m.put("created", b.createdSeconds());
    m.put("owned_by", "llamakit");
    m.put("context_length", b.text().contextLength());
    return m;
  }
}
