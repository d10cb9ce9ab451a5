package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.serve.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sampling fields of an OpenAI completion or chat request, checked: {@code max_tokens} (chat also
 * {@code max_completion_tokens}), {@code temperature} (0..2; 0 = greedy), {@code top_p} (0 exclusive..1),
 * {@code stop} (a string or up to 16 strings), {@code seed}, {@code presence_penalty}, {@code n} (only 1) and
 * {@code stream}. A bad value is a 400 naming the field. The rest of OpenAI's sampling is plain temperature + top-p:
 * no top-k, no min-p (as OpenAI).
 *
 * @param maxTokens the requested limit, or -1 when absent
 */
record SamplingRequest(int maxTokens, double temperature, double topP, List<String> stop, long seed,
    double presencePenalty, boolean stream, boolean includeUsage) {
  static final int MAX_STOPS = 16;

  static SamplingRequest parse(JsonNode body, boolean chat) {
    int max = -1;
    String maxField = chat && body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    if (body.hasNonNull(maxField)) {
      JsonNode n = body.get(maxField);
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw ApiException.badRequest(maxField, maxField + " must be an integer, got " + n);
      }
      max = n.asInt();
      if (max < 0 || chat && max == 0) {
        throw ApiException.badRequest(maxField, maxField + " must be " + (chat ? "at least 1" : ">= 0") + ", got "
            + max);
      }
    }
    double temperature = number(body, "temperature", 1.0, 0, 2);
    double topP = number(body, "top_p", 1.0, 0, 1);
    if (topP == 0) {
      throw ApiException.badRequest("top_p", "top_p must be greater than 0");
    }
    double presence = number(body, "presence_penalty", 0, -2, 2);
    if (body.hasNonNull("frequency_penalty") && number(body, "frequency_penalty", 0, -2, 2) != 0) {
      throw ApiException.badRequest("frequency_penalty", "frequency_penalty is not supported by this server");
    }
    if (body.hasNonNull("n") && !(body.get("n").isIntegralNumber() && body.get("n").asInt() == 1)) {
      throw ApiException.badRequest("n", "only n = 1 is supported, got " + body.get("n"));
    }
    List<String> stop = new ArrayList<>();
    if (body.hasNonNull("stop")) {
      JsonNode s = body.get("stop");
      if (s.isTextual()) {
        stop.add(s.asText());
      } else if (s.isArray()) {
        for (JsonNode x : s) {
          if (!x.isTextual()) {
            throw ApiException.badRequest("stop", "stop must be a string or an array of strings, got " + x);
          }
          stop.add(x.asText());
        }
      } else {
        throw ApiException.badRequest("stop", "stop must be a string or an array of strings, got " + s);
      }
      if (stop.size() > MAX_STOPS) {
        throw ApiException.badRequest("stop", "at most " + MAX_STOPS + " stop strings, got " + stop.size());
      }
    }
    long seed = ThreadLocalRandom.current().nextLong();
    if (body.hasNonNull("seed")) {
      if (!body.get("seed").isIntegralNumber() || !body.get("seed").canConvertToLong()) {
        throw ApiException.badRequest("seed", "seed must be an integer, got " + body.get("seed"));
      }
      seed = body.get("seed").asLong();
    }
    boolean stream = bool(body, "stream");
    boolean usage = false;
    if (body.hasNonNull("stream_options")) {
      JsonNode so = body.get("stream_options");
      usage = so.isObject() && so.path("include_usage").asBoolean(false);
    }
    return new SamplingRequest(max, temperature, topP, List.copyOf(stop), seed, presence, stream, usage);
  }

  /**
   * The engine's parameters for a prompt of {@code promptTokens}: max_tokens capped at what the context still holds
   * (default {@code defaultMax}, itself capped); a prompt that leaves no room is a 400 naming the limit.
   */
  SamplingParams params(int promptTokens, int contextLength, int defaultMax, List<String> extraStops,
      String promptField) {
    if (promptTokens >= contextLength) {
      throw ApiException.badRequest(promptField, "context_length_exceeded", "This model's maximum context length is "
          + contextLength + " tokens. However, your prompt has " + promptTokens + " tokens, which leaves no room "
          + "for a reply.");
    }
    int room = contextLength - promptTokens;
    int max = Math.min(maxTokens < 0 ? defaultMax : maxTokens, room);
    List<String> stops = new ArrayList<>(stop);
    stops.addAll(extraStops);
    SamplingParams p = new SamplingParams(temperature <= 0, (float) temperature, 0, (float) topP, 0f, 1f,
        (float) presencePenalty, 64, seed, max, Set.of(), stops);
    return p;
  }

  private static double number(JsonNode body, String field, double dflt, double lo, double hi) {
    if (!body.hasNonNull(field)) {
      return dflt;
    }
    JsonNode n = body.get(field);
    if (!n.isNumber() || !(n.asDouble() >= lo && n.asDouble() <= hi)) {
      throw ApiException.badRequest(field, field + " must be a number in [" + lo + ", " + hi + "], got " + n);
    }
    return n.asDouble();
  }

  static boolean bool(JsonNode body, String field) {
    if (!body.hasNonNull(field)) {
      return false;
    }
    if (!body.get(field).isBoolean()) {
      throw ApiException.badRequest(field, field + " must be true or false, got " + body.get(field));
    }
    return body.get(field).asBoolean();
  }
}
