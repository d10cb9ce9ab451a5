/**
 * HTTP plumbing on the JDK's {@code com.sun.net.httpserver}: the {@link dev.llamakit.serve.http.Router} (exact routes,
 * API key, request ids, every failure as an OpenAI error body), bounded JSON bodies and error bodies
 * ({@link dev.llamakit.serve.http.Exchanges}), server-sent events ({@link dev.llamakit.serve.http.SseStream}).
 *
 * <pre>{@code
 * Router r = new Router(apiKey, metrics).add("POST", "/v1/completions", "cmpl", new Completions(backend));
 * // an endpoint throws ApiException.badRequest("max_tokens", "...") -> 400 {"error": {"message", "type", "param", "code"}}
 * }</pre>
 */
package dev.llamakit.serve.http;
