package dev.llamakit.eval.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.model.Loglikelihood;
import java.util.Iterator;

/**
 * Reads a continuation's log-likelihood from one echoed {@code /completions} choice ({@code echo: true},
 * {@code logprobs: 1}): {@code logprobs.tokens}, {@code token_logprobs}, {@code top_logprobs} and {@code text_offset},
 * one entry per token of the prompt and then of the generated token when {@code max_tokens} is 1.
 *
 * <p>Token i covers the characters {@code [text_offset[i], text_offset[i+1])} of the prompt (the last one up to its
 * offset plus the length of its text); offsets count Unicode code points, as Python's {@code str} does. The
 * continuation's tokens are the prompt tokens (all but the generated one) that hold at least one of its characters: a
 * token that ends by the context's end is context. A token that straddles the
 * boundary (the server merged the last context characters with the first continuation characters) is scored as
 * continuation, since it holds continuation text. {@code isGreedy} is lm-eval's test: each token's log-probability
 * equals the largest of its {@code top_logprobs}.
 *
 * <p>Some servers count the text of the BOS token in the offsets (vLLM decodes it as {@code <s>} or
 * {@code <|begin_of_text|>}, so every later offset is 3 or 17 too large). The offsets are therefore anchored at the
 * prompt's end, which the answer gives: the offset of the generated token when {@code max_tokens} is 1, else the end
 * of the last token; the difference to the prompt's length is subtracted from every offset.
 */
final class EchoScores {
  private EchoScores() {}

  /**
   * The score of the continuation in one choice.
   *
   * @param contextChars code points of the context (the prompt's first part)
   * @param promptChars code points of the whole prompt (context + continuation)
   * @param generated tokens the server generated after the echo ({@code max_tokens}: 0 or 1)
   * @param where names the request in error messages, e.g. {@code "POST URL: prompt 3"}
   */
  static Loglikelihood continuation(JsonNode choice, int contextChars, int promptChars, int generated,
      String where) {
    JsonNode lp = choice.path("logprobs");
    JsonNode offsets = lp.path("text_offset");
    JsonNode logprobs = lp.path("token_logprobs");
    JsonNode tops = lp.path("top_logprobs");
    JsonNode tokens = lp.path("tokens");
    if (!offsets.isArray() || !logprobs.isArray() || !tops.isArray()) {
      if ("content_filter".equals(choice.path("finish_reason").asText(null))) {
        // a server with safety shields in line (llamakit serve's defaults) refuses some benchmark prompts
        throw new ApiException(where + ": the server refused the prompt (finish_reason content_filter) and sent no "
            + "log-probabilities; evaluate against a server without shields in line (llamakit serve --shields none)");
      }
      throw new ApiException(where + ": the answer has no logprobs.text_offset/token_logprobs/top_logprobs arrays; "
          + "log-likelihood tasks need a server that echoes the prompt with log-probabilities (echo: true)");
    }
    int n = offsets.size();
    if (logprobs.size() != n || tops.size() != n) {
      throw new ApiException(where + ": logprobs arrays differ in length (text_offset " + n + ", token_logprobs "
          + logprobs.size() + ", top_logprobs " + tops.size() + ")");
    }
    int previous = -1;
    for (int i = 0; i < n; i++) {
      if (!offsets.get(i).canConvertToInt() || offsets.get(i).asInt() < previous) {
        throw new ApiException(where + ": logprobs.text_offset[" + i + "] = " + offsets.get(i)
            + " is not a non-decreasing character offset");
      }
      previous = offsets.get(i).asInt();
    }
    int last = n - 1 - generated; // the prompt's last token
    if (last < 0) {
      throw new ApiException(where + ": the answer echoes " + n + " tokens, fewer than the prompt needs");
    }
    int promptEnd = generated > 0 ? offsets.get(last + 1).asInt()
        : offsets.get(last).asInt() + codePoints(tokens.path(last).asText(""));
    int shift = promptEnd - promptChars;
    if (shift < 0) {
      throw new ApiException(where + ": logprobs.text_offset ends the prompt at " + promptEnd + ", before its length "
          + promptChars + " (an answer without the generated token of max_tokens 1?)");
    }
    double sum = 0;
    boolean greedy = true;
    for (int i = 0; i <= last; i++) {
      int end = offsets.get(i + 1 < n ? i + 1 : i).asInt() - shift
          + (i + 1 < n ? 0 : codePoints(tokens.path(i).asText("")));
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
