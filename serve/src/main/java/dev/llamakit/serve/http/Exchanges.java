package dev.llamakit.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading request bodies (bounded, JSON) and writing JSON and OpenAI error responses on an {@link HttpExchange}. */
public final class Exchanges {
  /** The one JSON mapper of the server (text after the JSON value is an error, not ignored). */
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Exchanges() {}

  /** The request body as a JSON object; 413 past {@code maxBytes}, 400 when it is not a JSON object. */
  public static JsonNode readJsonObject(HttpExchange ex, int maxBytes) throws IOException {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null) {
      long n;
      try {
        n = Long.parseLong(len.strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(null, "Content-Length is not a number: " + len);
      }
      if (n > maxBytes) {
        throw tooLarge(maxBytes);
      }
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (body.length == 0) {
      throw ApiException.badRequest(null, "the request body is empty: a JSON object is expected");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(null, "the request body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw ApiException.badRequest(null, "the request body must be a JSON object");
    }
    return root;
  }

  private static ApiException tooLarge(int maxBytes) {
    return new ApiException(413, "invalid_request_error", null, "request_too_large",
        "the request body is larger than the server's limit of " + maxBytes + " bytes");
  }

  /** Sends {@code body} as JSON with {@code status}. */
  public static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  /** Sends a text body. */
  public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** The OpenAI error body of {@code e}. */
  public static ObjectNode errorBody(ApiException e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", e.getMessage());
    err.put("type", e.type());
    if (e.param() == null) {
      err.putNull("param");
    } else {
      err.put("param", e.param());
    }
    if (e.code() == null) {
      err.putNull("code");
    } else {
      err.put("code", e.code());
    }
    return root;
  }

  /** Sends the OpenAI error body of {@code e} with its status. */
  public static void sendError(HttpExchange ex, ApiException e) throws IOException {
    sendJson(ex, e.status(), errorBody(e));
  }

  /** UTF-8 bytes. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
