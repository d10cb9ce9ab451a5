package dev.llamakit.eval.api;

/** A failed exchange with a model server; the message is one line naming the URL and what went wrong. */
public final class ApiException extends RuntimeException {
  public ApiException(String message) {
    super(message);
  }

  public ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
