package dev.llamakit.eval.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.model.Loglikelihood;
import org.junit.jupiter.api.Test;

/** Which echoed tokens are the continuation's, by text_offset, in the layouts servers answer with. */
class EchoScoresTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode choice(String json) throws Exception {
    return JSON.readTree(json);
  }

  /** "Answer:" + " A" echoed as BOS, "Answer", ":", " A" and, with max_tokens 1, a generated " B". */
  static final String ANSWER_A = """
      {"index": 0, "text": "Answer: A B", "logprobs": {
        "tokens": ["<s>", "Answer", ":", " A", " B"],
        "token_logprobs": [null, -5.0, -1.0, -0.5, -0.1],
        "top_logprobs": [null, {"The": -2.0}, {":": -1.0}, {" A": -0.5}, {" B": -0.1}],
        "text_offset": [0, 0, 6, 7, 9]}}""";

  @Test
  void continuationTokensStartAtTheContextsEndAndStopAtThePromptsEnd() throws Exception {
    Loglikelihood ll = EchoScores.continuation(choice(ANSWER_A), 7, 9, 1, "t");
    assertEquals(-0.5, ll.logprob(), 0, "only ' A': context tokens and the generated ' B' are left out");
    assertTrue(ll.greedy());
    Loglikelihood whole = EchoScores.continuation(choice(ANSWER_A), 0, 9, 1, "t");
    assertEquals(-6.5, whole.logprob(), 0, "an empty context scores every prompt token after BOS");
    assertFalse(whole.greedy(), "'Answer' is not the top token");
  }

  /** vLLM counts the decoded BOS ({@code <s>}, 3 characters) in text_offset: anchored at the prompt's end. */
  @Test
  void offsetsThatCountTheBosTextAreShiftedBack() throws Exception {
    String vllm = ANSWER_A.replace("[0, 0, 6, 7, 9]", "[0, 3, 9, 10, 12]");
    assertEquals(-0.5, EchoScores.continuation(choice(vllm), 7, 9, 1, "t").logprob(), 0);
    assertEquals(-6.5, EchoScores.continuation(choice(vllm), 0, 9, 1, "t").logprob(), 0);
    String noGenerated = """
        {"index": 0, "logprobs": {"tokens": ["<s>", "Answer", ":", " A"], "token_logprobs": [null, -5.0, -1.0, -0.5],
          "top_logprobs": [null, {"The": -2.0}, {":": -1.0}, {" A": -0.5}], "text_offset": [0, 3, 9, 10]}}""";
    assertEquals(-0.5, EchoScores.continuation(choice(noGenerated), 7, 9, 0, "t").logprob(), 0, "max_tokens 0");
    ApiException e = assertThrows(ApiException.class,
        () -> EchoScores.continuation(choice(noGenerated.replace("[0, 3, 9, 10]", "[0, 0, 6, 7]")), 7, 9, 1, "t"));
    assertTrue(e.getMessage().contains("before its length 9"), e.getMessage());
  }

  @Test
  void aTokenStraddlingTheBoundaryCountsAsContinuation() throws Exception {
    // context "Hello wor", continuation "ld": the server tokenized "Hello", " world"
    String straddle = """
        {"index": 0, "logprobs": {"tokens": ["Hello", " world"], "token_logprobs": [null, -3.0],
          "top_logprobs": [null, {" there": -1.0}], "text_offset": [0, 5]}}""";
    Loglikelihood ll = EchoScores.continuation(choice(straddle), 9, 11, 0, "t");
    assertEquals(-3.0, ll.logprob(), 0);
    assertFalse(ll.greedy());
  }

  @Test
  void offsetsCountCodePointsNotUtf16Units() throws Exception {
    // "é🙂" + " x": the emoji is one code point (two UTF-16 units)
    String ctx = "é🙂";
    String emoji = """
        {"index": 0, "logprobs": {"tokens": ["é", "🙂", " x"], "token_logprobs": [null, -2.0, -0.25],
          "top_logprobs": [null, {"🙂": -2.0}, {" x": -0.25}], "text_offset": [0, 1, 2]}}""";
    int ctxChars = EchoScores.codePoints(ctx);
    Loglikelihood ll = EchoScores.continuation(choice(emoji), ctxChars, ctxChars + 2, 0, "t");
    assertEquals(-0.25, ll.logprob(), 0);
  }

  @Test
  void defectsFailNamingTheRequest() throws Exception {
    String noBos = """
        {"index": 0, "logprobs": {"tokens": ["Hi"], "token_logprobs": [null], "top_logprobs": [null],
          "text_offset": [0]}}""";
    ApiException e = assertThrows(ApiException.class, () -> EchoScores.continuation(choice(noBos), 0, 2, 0, "POST u: prompt 3"));
    assertTrue(e.getMessage().startsWith("POST u: prompt 3: logprobs.token_logprobs[0] is null"), e.getMessage());
    assertTrue(e.getMessage().contains("BOS"), e.getMessage());
    String backwards = ANSWER_A.replace("[0, 0, 6, 7, 9]", "[0, 0, 6, 5, 9]");
    e = assertThrows(ApiException.class, () -> EchoScores.continuation(choice(backwards), 7, 9, 1, "t"));
    assertTrue(e.getMessage().contains("text_offset[3] = 5"), e.getMessage());
    String shortTops = ANSWER_A.replace(", {\" B\": -0.1}]", "]");
    e = assertThrows(ApiException.class, () -> EchoScores.continuation(choice(shortTops), 7, 9, 1, "t"));
    assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    String noTop = ANSWER_A.replace("{\" A\": -0.5}", "null");
    e = assertThrows(ApiException.class, () -> EchoScores.continuation(choice(noTop), 7, 9, 1, "t"));
    assertTrue(e.getMessage().contains("top_logprobs[3]"), e.getMessage());
    // what llamakit serve answers when a shield in line refuses the prompt
    String refused = """
        {"index": 0, "text": "I can't help with that.", "logprobs": null, "finish_reason": "content_filter"}""";
    e = assertThrows(ApiException.class, () -> EchoScores.continuation(choice(refused), 7, 9, 1, "POST u: prompt 4"));
    assertTrue(e.getMessage().startsWith("POST u: prompt 4: the server refused the prompt (finish_reason "
        + "content_filter)"), e.getMessage());
    assertTrue(e.getMessage().contains("--shields none"), e.getMessage());
  }
}
