package dev.llamakit.serve.http;

/**
 * A request the server refuses, with the HTTP status and the fields of an OpenAI error body
 * ({@code {"error": {"message", "type", "param", "code"}}}).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;

  public ApiException(int status, String type, String param, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** 400 invalid_request_error about {@code param} (may be null). */
  public static ApiException badRequest(String param, String message) {
    return new ApiException(400, "invalid_request_error", param, null, message);
  }

  /** 400 with an error code (e.g. {@code context_length_exceeded}). */
  public static ApiException badRequest(String param, String code, String message) {
    return new ApiException(400, "invalid_request_error", param, code, message);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
