package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.serve.http.ApiException;
import dev.llamakit.serve.metrics.ServerMetrics;
import dev.llamakit.serve.moderation.InlineModeration;
import dev.llamakit.serve.schedule.RequestQueue;

/**
 * What the OpenAI endpoints share: the one loaded model under its id, the queue in front of it, the moderation in
 * line, the metrics, the body limit and the server's start time (OpenAI's {@code created}).
 */
public record Backend(String modelId, TextEngine text, RequestQueue queue, InlineModeration moderation,
    ServerMetrics metrics, int maxBodyBytes, long createdSeconds, ResponseFormat responseFormat) {

  /** A backend whose structured-output constraints are built on {@code text}'s vocabulary. */
  public Backend(String modelId, TextEngine text, RequestQueue queue, InlineModeration moderation,
      ServerMetrics metrics, int maxBodyBytes, long createdSeconds) {
    this(modelId, text, queue, moderation, metrics, maxBodyBytes, createdSeconds,
        new ResponseFormat(text.tokenizer()));
  }

  /** 404 {@code model_not_found} when the request names another model (a missing {@code model} is accepted). */
  void checkModel(JsonNode body) {
    if (!body.hasNonNull("model")) {
      return;
    }
    JsonNode m = body.get("model");
    if (!m.isTextual()) {
      throw ApiException.badRequest("model", "model must be a string, got " + m);
    }
    if (!m.asText().equals(modelId)) {
      throw new ApiException(404, "invalid_request_error", "model", "model_not_found", "The model '" + m.asText()
          + "' does not exist; this server serves '" + modelId + "' (GET /v1/models)");
    }
  }
}
