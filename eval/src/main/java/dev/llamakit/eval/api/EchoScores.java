package dev.llamakit.eval.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.model.Loglikelihood;
import java.util.Iterator;

/**
 * Reads a continuation's log-likelihood from one echoed {@code /completions} choice ({@code echo: true},
 * {@code logprobs: 1}): {@code logprobs.tokens}, {@code token_logprobs}, {@code top_logprobs} and {@code text_offset},
 * one entry per token of the prompt (and of the generated token when {@code max_tokens} is 1).
 *
 * <p>Token i covers the characters {@code [text_offset[i], text_offset[i+1])} of the prompt (the last one up to its
 * offset plus the length of its text); offsets count Unicode code points, as Python's {@code str} does. The
 * continuation's tokens are those that hold at least one of its characters and start inside the prompt: a token
 * before the context's end is context, a token at or after the prompt's end was generated. A token that straddles the
 * boundary (the server merged the last context characters with the first continuation characters) is scored as
 * continuation, since it holds continuation text. {@code isGreedy} is lm-eval's test: each token's log-probability
 * equals the largest of its {@code top_logprobs}.
 */
final class EchoScores {
  private EchoScores() {}

  /**
   * The score of the continuation in one choice.
   *
   * @param contextChars code points of the context (the prompt's first part)
   * @param promptChars code points of the whole prompt (context + continuation)
   * @param where names the request in error messages, e.g. {@code "POST URL: prompt 3"}
   */
  static Loglikelihood continuation(JsonNode choice, int contextChars, int promptChars, String where) {
    JsonNode lp = choice.path("logprobs");
    JsonNode offsets = lp.path("text_offset");
    JsonNode logprobs = lp.path("token_logprobs");
    JsonNode tops = lp.path("top_logprobs");
    JsonNode tokens = lp.path("tokens");
    if (!offsets.isArray() || !logprobs.isArray() || !tops.isArray()) {
      throw new ApiException(where + ": the answer has no logprobs.text_offset/token_logprobs/top_logprobs arrays; "
          + "log-likelihood tasks need a server that echoes the prompt with log-probabilities (echo: true)");
    }
    int n = offsets.size();
    if (logprobs.size() != n || tops.size() != n) {
      throw new ApiException(where + ": logprobs arrays differ in length (text_offset " + n + ", token_logprobs "
          + logprobs.size() + ", top_logprobs " + tops.size() + ")");
    }
    double sum = 0;
    boolean greedy = true;
    int previous = -1;
    for (int i = 0; i < n; i++) {
      int start = offsets.get(i).asInt(-1);
      if (!offsets.get(i).canConvertToInt() || start < previous) {
        throw new ApiException(where + ": logprobs.text_offset[" + i + "] = " + offsets.get(i)
            + " is not a non-decreasing character offset");
      }
      previous = start;
      if (start >= promptChars) {
        break; // the generated token of max_tokens = 1
      }
      int end = i + 1 < n ? offsets.get(i + 1).asInt() : start + codePoints(tokens.path(i).asText(""));
      if (end <= contextChars) {
        continue;
      }
      JsonNode v = logprobs.get(i);
      if (!v.isNumber()) {
        throw new ApiException(where + ": logprobs.token_logprobs[" + i + "] is " + v + ", not a number"
            + (i == 0 ? " (the first token has no context: the server must start the prompt with BOS)" : ""));
      }
      double x = v.asDouble();
      sum += x;
      greedy &= x >= max(tops.get(i), where, i);
    }
    return new Loglikelihood(sum, greedy);
  }

  private static double max(JsonNode top, String where, int i) {
    if (!top.isObject() || top.isEmpty()) {
      throw new ApiException(where + ": logprobs.top_logprobs[" + i + "] is " + top
          + ", not an object of token log-probabilities");
    }
    double m = Double.NEGATIVE_INFINITY;
    for (Iterator<JsonNode> it = top.elements(); it.hasNext(); ) {
      m = Math.max(m, it.next().asDouble(Double.NEGATIVE_INFINITY));
    }
    return m;
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
