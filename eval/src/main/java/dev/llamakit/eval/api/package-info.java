/**
 * Any model behind an OpenAI-compatible server as a benchmark backend: {@link dev.llamakit.eval.api.ApiLanguageModel}
 * asks {@code /v1/completions} with {@code echo: true} and {@code logprobs} for log-likelihood tasks and
 * {@code /v1/completions} or {@code /v1/chat/completions} for generation tasks, as lm-eval's {@code local-completions}
 * and {@code local-chat-completions} do; {@link dev.llamakit.eval.api.ApiClient} retries 429/5xx and transport failures
 * with lm-eval's exponential backoff and fails with one line naming the URL.
 *
 * <pre>{@code
 * ApiConfig c = ApiConfig.of(URI.create("http://127.0.0.1:8080/v1"), "llama-3.1-8b").withBatch(8);
 * try (LanguageModel lm = new ApiLanguageModel(c, System.err)) {
 *   List<Loglikelihood> s = lm.loglikelihood(List.of(new LoglikelihoodRequest("Answer:", List.of(" A", " B"))))
 *       .getFirst();
 * }
 * }</pre>
 * From the command line: {@code llamakit eval run --tasks mmlu --model-api http://127.0.0.1:8080/v1 --api-model NAME}.
 */
package dev.llamakit.eval.api;
