package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.engine.chat.ChatTemplateException;
import dev.llamakit.engine.constrain.JsonConstraint;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.inference.TokenLogProb;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.serve.http.ApiException;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;
import dev.llamakit.serve.http.SseStream;
import dev.llamakit.serve.moderation.InlineModeration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}: the conversation rendered with the model's chat template, the reply generated
 * under the engine's stop policy (plus the template's end-of-turn markers and the request's {@code stop}), through
 * the moderation in line; a JSON {@code chat.completion}, or with {@code stream: true} server-sent
 * {@code chat.completion.chunk} events ending with {@code [DONE]}. {@code logprobs} / {@code top_logprobs} (up to 20)
 * are given on non-streamed replies. A refused request is answered 200 with the refusal as the content and
 * {@code finish_reason: "content_filter"}. {@code response_format} ({@code json_object}, {@code json_schema})
 * constrains sampling so the reply is JSON that validates ({@link ResponseFormat}); a reply cut by
 * {@code max_tokens} ends with {@code finish_reason: "length"} and may be incomplete JSON, as with OpenAI.
 */
public final class ChatCompletions implements Endpoint {
  /** The route. */
  public static final String PATH = "/v1/chat/completions";
  private final Backend b;

  public ChatCompletions(Backend backend) {
    this.b = backend;
  }

  @Override
  public void handle(HttpExchange ex, String rid) throws Exception {
    JsonNode body = Exchanges.readJsonObject(ex, b.maxBodyBytes());
    b.checkModel(body);
    List<Message> messages = ChatMessages.parse(body.get("messages"));
    SamplingRequest s = SamplingRequest.parse(body, true);
    JsonConstraint format = b.responseFormat().constraint(body);
    boolean logprobs = SamplingRequest.bool(body, "logprobs");
    int top = 0;
    if (body.hasNonNull("top_logprobs")) {
      JsonNode t = body.get("top_logprobs");
      if (!t.isIntegralNumber() || t.asInt() < 0 || t.asInt() > 20) {
        throw ApiException.badRequest("top_logprobs", "top_logprobs must be an integer in [0, 20], got " + t);
      }
      if (!logprobs) {
        throw ApiException.badRequest("top_logprobs", "top_logprobs needs logprobs: true");
      }
      top = t.asInt();
    }
    int topK = top;
    b.queue().run(() -> {
      run(ex, rid, messages, s, format, logprobs, topK);
      return null;
    });
  }

  private void run(HttpExchange ex, String rid, List<Message> messages, SamplingRequest s, JsonConstraint format,
      boolean logprobs, int top) throws Exception {
    TextEngine text = b.text();
    int[] prompt;
    List<String> chatStops;
    try {
      prompt = text.encodeChat(messages);
      chatStops = text.chatStopStrings();
    } catch (ChatTemplateException e) {
      throw ApiException.badRequest("messages", e.getMessage());
    }
    // Under a response_format the grammar ends the reply (end of generation once the value is complete); the
    // template's end-of-turn texts are not stops then, since a JSON string may contain them.
    SamplingParams p = s.params(prompt.length, text.contextLength(), text.contextLength(),
        format == null ? chatStops : List.of(), "messages").withConstraint(format);
    long created = System.currentTimeMillis() / 1000;
    var conv = ChatMessages.forShields(messages);
    if (s.stream()) {
      try (SseStream sse = SseStream.open(ex)) {
        ObjectNode role = Exchanges.JSON.createObjectNode().put("role", "assistant").put("content", "");
        sse.send(chunk(rid, created, role, null));
        InlineModeration.Reply r = b.moderation().generate(rid, PATH, text, prompt, p, conv,
            piece -> sse.send(chunk(rid, created, Exchanges.JSON.createObjectNode().put("content", piece), null)));
        account(prompt.length, r);
        if (r.clientGone() || sse.clientGone()) {
          b.metrics().cancelled();
          return;
        }
        ObjectNode last = Exchanges.JSON.createObjectNode();
        if (r.refused()) {
          last.put("content", r.text());
        }
        sse.send(chunk(rid, created, last, Choices.finishReason(r)));
        if (s.includeUsage()) {
          ObjectNode u = chunk(rid, created, null, null);
          u.putArray("choices");
          u.set("usage", Choices.usage(prompt.length, r.generation()));
          sse.send(u);
        }
        sse.done();
      }
      return;
    }
    InlineModeration.Reply r = b.moderation().generate(rid, PATH, text, prompt, p, conv, TextListener.none());
    account(prompt.length, r);
    ObjectNode root = Exchanges.JSON.createObjectNode();
    root.put("id", rid);
    root.put("object", "chat.completion");
    root.put("created", created);
    root.put("model", b.modelId());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", r.text());
    if (logprobs && !r.refused()) {
      choice.set("logprobs", logprobs(text, prompt, Choices.replyTokens(r.generation()), top));
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", Choices.finishReason(r));
    root.set("usage", Choices.usage(prompt.length, r.generation()));
    Exchanges.sendJson(ex, 200, root);
  }

  private void account(int prompt, InlineModeration.Reply r) {
    if (r.generation() != null) {
      b.metrics().generation(prompt, r.generation().tokens().length, r.generation().decodeNanos(),
          r.generation().decodeTokensPerSecond());
    }
  }

  private ObjectNode chunk(String rid, long created, ObjectNode delta, String finish) {
    ObjectNode c = Exchanges.JSON.createObjectNode();
    c.put("id", rid);
    c.put("object", "chat.completion.chunk");
    c.put("created", created);
    c.put("model", b.modelId());
    if (delta != null) {
      ObjectNode choice = c.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
    }
    return c;
  }

  /** OpenAI's chat {@code logprobs}: {@code {"content": [{token, logprob, bytes, top_logprobs: [...]}]}}. */
  private static ObjectNode logprobs(TextEngine text, int[] prompt, int[] reply, int top) {
    int[] all = new int[prompt.length + reply.length];
    System.arraycopy(prompt, 0, all, 0, prompt.length);
    System.arraycopy(reply, 0, all, prompt.length, reply.length);
    List<TokenLogProb> lps = reply.length == 0 ? new ArrayList<>() : text.tokenLogProbs(all, prompt.length, top);
    ObjectNode o = Exchanges.JSON.createObjectNode();
    ArrayNode content = o.putArray("content");
    for (TokenLogProb lp : lps) {
      ObjectNode e = content.addObject();
      e.put("token", Choices.tokenString(text, lp.token()));
      e.put("logprob", lp.logprob());
      e.set("bytes", Choices.bytes(text, lp.token()));
      ArrayNode tops = e.putArray("top_logprobs");
      for (int i = 0; i < lp.topTokens().length; i++) {
        ObjectNode t = tops.addObject();
        t.put("token", Choices.tokenString(text, lp.topTokens()[i]));
        t.put("logprob", lp.topLogprobs()[i]);
        t.set("bytes", Choices.bytes(text, lp.topTokens()[i]));
      }
    }
    return o;
  }
}
