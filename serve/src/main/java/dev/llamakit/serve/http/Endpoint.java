package dev.llamakit.serve.http;

import com.sun.net.httpserver.HttpExchange;

/** One route of the server: answers a request (or throws an {@link ApiException} for the router to answer). */
@FunctionalInterface
public interface Endpoint {
  void handle(HttpExchange exchange, String requestId) throws Exception;
}
