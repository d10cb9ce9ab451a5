package dev.llamakit.eval.api;

import dev.llamakit.engine.chat.ChatTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to reach a model behind an OpenAI-compatible API.
 *
 * @param baseUrl the server's API root, e.g. {@code http://127.0.0.1:8080/v1}; requests go to {@code /completions}
 *     and {@code /chat/completions} under it
 * @param model the {@code model} field of every request
 * @param apiKey sent as {@code Authorization: Bearer KEY}, or null for none
 * @param batch prompts per {@code /completions} request of log-likelihood scoring (lm-eval's {@code batch_size})
 * @param echoMaxTokens {@code max_tokens} of an echo (log-likelihood) request: lm-eval sends 1; 0 for servers that
 *     accept it (saves one decode step per prompt)
 * @param chat send generation requests to {@code /chat/completions} as one user message (lm-eval's
 *     {@code local-chat-completions}) instead of {@code /completions}
 * @param attempts tries per HTTP request before the run fails (lm-eval's {@code max_retries}, default 3)
 * @param minBackoff shortest wait before a retry (lm-eval: 1 s)
 * @param maxBackoff longest wait before a retry (lm-eval: 10 s)
 * @param timeout limit on one HTTP exchange (lm-eval: 300 s)
 * @param chatTemplate a built-in chat template name ({@code llama3}, {@code llama2-sys}, ...) that renders
 *     {@code --apply-chat-template} prompts on this side for {@code /completions} (lm-eval's local-completions with a
 *     tokenizer's template), or null
 * @param concurrent HTTP requests in flight at once (lm-eval's {@code num_concurrent}, default 1)
 */
public record ApiConfig(URI baseUrl, String model, String apiKey, int batch, int echoMaxTokens, boolean chat,
    int attempts, Duration minBackoff, Duration maxBackoff, Duration timeout, String chatTemplate, int concurrent) {

  public ApiConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("API URL must be http://HOST[:PORT]/PATH or https://..., got '" + baseUrl + "'");
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("the API model name is empty");
    }
    if (concurrent < 1) {
      throw new IllegalArgumentException("need at least 1 concurrent request, got " + concurrent);
    }
    if (batch < 1 || attempts < 1 || echoMaxTokens < 0 || echoMaxTokens > 1) {
      throw new IllegalArgumentException("need batch >= 1, attempts >= 1 and echo max_tokens 0 or 1, got " + batch
          + ", " + attempts + ", " + echoMaxTokens);
    }
    baseUrl = root(baseUrl);
    if (chatTemplate != null) {
      ChatTemplate.byName(chatTemplate); // an unknown name fails here, naming the implemented ones
    }
  }

  /** lm-eval's defaults: batch 1, echo with max_tokens 1, 3 attempts waiting 1 to 10 s, 300 s per exchange. */
  public static ApiConfig of(URI baseUrl, String model) {
    return new ApiConfig(baseUrl, model, null, 1, 1, false, 3, Duration.ofSeconds(1), Duration.ofSeconds(10),
        Duration.ofSeconds(300), null, 1);
  }

  public ApiConfig withApiKey(String key) {
    return new ApiConfig(baseUrl, model, key, batch, echoMaxTokens, chat, attempts, minBackoff, maxBackoff, timeout,
        chatTemplate, concurrent);
  }

  public ApiConfig withBatch(int b) {
    return new ApiConfig(baseUrl, model, apiKey, b, echoMaxTokens, chat, attempts, minBackoff, maxBackoff, timeout,
        chatTemplate, concurrent);
  }

  public ApiConfig withEchoMaxTokens(int m) {
    return new ApiConfig(baseUrl, model, apiKey, batch, m, chat, attempts, minBackoff, maxBackoff, timeout,
        chatTemplate, concurrent);
  }

  public ApiConfig withChat(boolean c) {
    return new ApiConfig(baseUrl, model, apiKey, batch, echoMaxTokens, c, attempts, minBackoff, maxBackoff, timeout,
        chatTemplate, concurrent);
  }

  public ApiConfig withRetries(int tries, Duration min, Duration max) {
    return new ApiConfig(baseUrl, model, apiKey, batch, echoMaxTokens, chat, tries, min, max, timeout, chatTemplate,
        concurrent);
  }

  public ApiConfig withTimeout(Duration t) {
    return new ApiConfig(baseUrl, model, apiKey, batch, echoMaxTokens, chat, attempts, minBackoff, maxBackoff, t,
        chatTemplate, concurrent);
  }

  public ApiConfig withChatTemplate(String name) {
    return new ApiConfig(baseUrl, model, apiKey, batch, echoMaxTokens, chat, attempts, minBackoff, maxBackoff, timeout,
        name, concurrent);
  }

  public ApiConfig withConcurrent(int n) {
    return new ApiConfig(baseUrl, model, apiKey, batch, echoMaxTokens, chat, attempts, minBackoff, maxBackoff, timeout,
        chatTemplate, n);
  }

  /** The completions endpoint. */
  public URI completions() {
    return URI.create(baseUrl + "/completions");
  }

  /** The chat completions endpoint. */
  public URI chatCompletions() {
    return URI.create(baseUrl + "/chat/completions");
  }

  /** The root of an endpoint URL: a trailing {@code /completions} or {@code /chat/completions} and slash dropped. */
  private static URI root(URI u) {
    String s = u.toString();
    for (String tail : new String[] {"/chat/completions", "/completions", "/"}) {
      if (s.endsWith(tail)) {
        s = s.substring(0, s.length() - tail.length());
      }
    }
    return URI.create(s);
  }
}
