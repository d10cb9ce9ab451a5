/**
 * {@code llamakit serve}: an OpenAI-compatible HTTP server on one loaded model, with the moderation filter in line.
 *
 * <p>Reading order: {@link dev.llamakit.serve.Server} assembles the parts — {@code http/} (routing, errors, SSE),
 * {@code openai/} (the OpenAI endpoints), {@code schedule/} (the bounded FIFO queue in front of the engine),
 * {@code moderation/} (shields in line, the audit log, the moderation endpoints), {@code metrics/} (Prometheus text),
 * {@code web/} (the chat page at {@code /}); the {@code llamakit serve} command lives in cli/
 * ({@code dev.llamakit.cli.serve}).
 *
 * <pre>{@code
 * try (TextEngine text = TextEngine.load(Path.of("model.gguf"), ModelOptions.defaults(), null);
 *      Server s = Server.start(text, Map.of(), Server.Options.loopback(8080, "model"))) {
 *   // curl http://127.0.0.1:8080/v1/chat/completions -d '{"messages": [{"role": "user", "content": "Hi"}]}'
 * }
 * }</pre>
 */
package dev.llamakit.serve;
