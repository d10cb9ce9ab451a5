/**
 * The OpenAI endpoints on the engine's text facade: chat completions (JSON or SSE, logprobs), legacy completions
 * (string or token-id prompts, echo with prompt logprobs as lm-evaluation-harness's {@code local-completions} needs
 * them) and the model list. Request fields are checked in {@code SamplingRequest}; every generation runs in the
 * {@link dev.llamakit.serve.schedule.RequestQueue} through {@link dev.llamakit.serve.moderation.InlineModeration}.
 *
 * <pre>{@code
 * Backend b = new Backend("stories", text, new RequestQueue(16), moderation, metrics, 1 << 20, created);
 * router.add("POST", ChatCompletions.PATH, "chatcmpl", new ChatCompletions(b));
 * }</pre>
 */
package dev.llamakit.serve.openai;
