/**
 * Load measurements of the server over loopback HTTP, for {@code llamakit bench serve}: {@link
 * dev.llamakit.serve.bench.LoadRun} drives N concurrent streaming clients (JDK HttpClient) and reports requests/s,
 * aggregate generated tokens/s (and per CPU-second), time to first token and latency.
 *
 * <pre>{@code
 * try (Server s = Server.start(text, Map.of(), Server.Options.loopback(0, "m").withModeration(null).withBatch(8))) {
 *   LoadRun.Result r = LoadRun.run(URI.create("http://127.0.0.1:" + s.port()), 4, 2, 32, 64, text.tokenizer()
 *       .vocabSize(), 1);
 * }
 * }</pre>
 */
package dev.llamakit.serve.bench;
