package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.inference.TokenLogProb;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.safety.Message;
import dev.llamakit.serve.http.ApiException;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;
import dev.llamakit.serve.http.SseStream;
import dev.llamakit.serve.moderation.InlineModeration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /v1/completions}: OpenAI's legacy completions, what lm-evaluation-harness's {@code local-completions}
 * backend calls. {@code prompt} is a string, an array of strings, an array of token ids or an array of such arrays
 * (one choice each, in order). A string prompt is tokenized with BOS (the BOS is not reported); token ids are used
 * as given. {@code max_tokens} defaults to 16 as OpenAI's; 0 generates nothing (scoring with {@code echo}).
 * {@code logprobs: k} (0..20) gives {@code tokens}, {@code token_logprobs}, {@code top_logprobs} (k most likely, as
 * token -> logprob) and {@code text_offset}; with {@code echo: true} the prompt comes first in {@code text} and in
 * the logprobs (the first token of an id prompt has null, having no context). {@code stream: true} streams one
 * prompt's text as {@code text_completion} events.
 */
public final class Completions implements Endpoint {
  /** The route. */
  public static final String PATH = "/v1/completions";
  private static final int DEFAULT_MAX_TOKENS = 16;
  private final Backend b;

  public Completions(Backend backend) {
    this.b = backend;
  }

  /** One prompt: its text (for the shields and echo) or its ids. */
  private record Prompt(String text, int[] ids) {}

  @Override
  public void handle(HttpExchange ex, String rid) throws Exception {
    JsonNode body = Exchanges.readJsonObject(ex, b.maxBodyBytes());
    b.checkModel(body);
    List<Prompt> prompts = prompts(body.get("prompt"));
    SamplingRequest s = SamplingRequest.parse(body, false);
    boolean echo = SamplingRequest.bool(body, "echo");
    int logprobs = -1;
    if (body.hasNonNull("logprobs")) {
      JsonNode l = body.get("logprobs");
      if (!l.isIntegralNumber() || l.asInt() < 0 || l.asInt() > 20) {
        throw ApiException.badRequest("logprobs", "logprobs must be an integer in [0, 20], got " + l);
      }
      logprobs = l.asInt();
    }
    if (s.stream() && (prompts.size() != 1 || echo || logprobs >= 0)) {
      throw ApiException.badRequest("stream", "stream: true takes one prompt, without echo or logprobs");
    }
    int lp = logprobs;
    b.queue().run(() -> {
      run(ex, rid, prompts, s, echo, lp);
      return null;
    });
  }

  private void run(HttpExchange ex, String rid, List<Prompt> prompts, SamplingRequest s, boolean echo, int logprobs)
      throws Exception {
    TextEngine text = b.text();
    long created = System.currentTimeMillis() / 1000;
    List<int[]> ids = new ArrayList<>();
    List<SamplingParams> params = new ArrayList<>();
    for (Prompt p : prompts) {
      int[] t = p.ids() != null ? check(p.ids(), text.tokenizer().vocabSize()) : text.encode(p.text(), true, false);
      if (t.length == 0) {
        throw ApiException.badRequest("prompt", "the prompt has no tokens");
      }
      ids.add(t);
      params.add(s.params(t.length, text.contextLength(), DEFAULT_MAX_TOKENS, List.of(), "prompt"));
    }
    if (s.stream()) {
      stream(ex, rid, created, prompts.getFirst(), ids.getFirst(), params.getFirst(), s);
      return;
    }
    ObjectNode root = Exchanges.JSON.createObjectNode();
    root.put("id", rid);
    root.put("object", "text_completion");
    root.put("created", created);
    root.put("model", b.modelId());
    ArrayNode choices = root.putArray("choices");
    int promptTotal = 0;
    int completionTotal = 0;
    for (int i = 0; i < prompts.size(); i++) {
      int[] prompt = ids.get(i);
      String promptText = prompts.get(i).text() != null ? prompts.get(i).text() : text.tokenizer().decode(prompt);
      List<Message> conv = List.of(Message.user(promptText));
      InlineModeration.Reply r;
      if (params.get(i).maxTokens() == 0) {
        String refusal = b.moderation().checkInput(rid, PATH, conv);
        r = new InlineModeration.Reply(refusal == null ? "" : refusal, null, refusal != null, false);
      } else {
        r = b.moderation().generate(rid, PATH, text, prompt, params.get(i), conv, TextListener.none());
      }
      if (r.generation() != null) {
        b.metrics().generation(prompt.length, r.generation().tokens().length, r.generation().decodeNanos(),
            r.generation().decodeTokensPerSecond());
        completionTotal += r.generation().tokens().length;
      }
      promptTotal += prompt.length;
      ObjectNode c = choices.addObject();
      c.put("index", i);
      boolean showPrompt = echo && !r.refused();
      c.put("text", showPrompt ? promptText + r.text() : r.text());
      if (logprobs >= 0 && !r.refused()) {
        // Every generated token, a final end-of-generation token included (as OpenAI reports the sampled token).
        int[] generated = r.generation() == null ? new int[0] : r.generation().tokens();
        c.set("logprobs", logprobs(text, prompt, prompts.get(i).ids() == null, generated, echo, logprobs));
      } else {
        c.putNull("logprobs");
      }
      c.put("finish_reason", r.generation() == null && !r.refused() ? "length" : Choices.finishReason(r));
    }
    ObjectNode u = root.putObject("usage");
    u.put("prompt_tokens", promptTotal);
    u.put("completion_tokens", completionTotal);
    u.put("total_tokens", promptTotal + completionTotal);
    Exchanges.sendJson(ex, 200, root);
  }

  private void stream(HttpExchange ex, String rid, long created, Prompt p, int[] prompt, SamplingParams params,
      SamplingRequest s) throws Exception {
    TextEngine text = b.text();
    String promptText = p.text() != null ? p.text() : text.tokenizer().decode(prompt);
    try (SseStream sse = SseStream.open(ex)) {
      InlineModeration.Reply r = b.moderation().generate(rid, PATH, text, prompt, params,
          List.of(Message.user(promptText)), piece -> sse.send(chunk(rid, created, piece, null)));
      if (r.generation() != null) {
        b.metrics().generation(prompt.length, r.generation().tokens().length, r.generation().decodeNanos(),
            r.generation().decodeTokensPerSecond());
      }
      if (r.clientGone() || sse.clientGone()) {
        b.metrics().cancelled();
        return;
      }
      sse.send(chunk(rid, created, r.refused() ? r.text() : "", Choices.finishReason(r)));
      if (s.includeUsage()) {
        ObjectNode u = Exchanges.JSON.createObjectNode();
        u.put("id", rid).put("object", "text_completion").put("created", created).put("model", b.modelId());
        u.putArray("choices");
        u.set("usage", Choices.usage(prompt.length, r.generation()));
        sse.send(u);
      }
      sse.done();
    }
  }

  private ObjectNode chunk(String rid, long created, String piece, String finish) {
    ObjectNode c = Exchanges.JSON.createObjectNode();
    c.put("id", rid).put("object", "text_completion").put("created", created).put("model", b.modelId());
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("text", piece).put("index", 0);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return c;
  }

  /**
   * The legacy {@code logprobs} object. Positions scored: the reply's tokens, after the prompt's when
   * {@code echo}; a string prompt's BOS is not reported (its first text token is scored after BOS), an id prompt's
   * first token is reported with null.
   */
  private static ObjectNode logprobs(TextEngine text, int[] prompt, boolean bosAdded, int[] reply, boolean echo,
      int top) {
    int[] all = Arrays.copyOf(prompt, prompt.length + reply.length);
    System.arraycopy(reply, 0, all, prompt.length, reply.length);
    int from = echo ? 1 : prompt.length;
    List<TokenLogProb> scored = from < all.length ? text.tokenLogProbs(all, from, top) : List.of();
    ObjectNode o = Exchanges.JSON.createObjectNode();
    ArrayNode tokens = o.putArray("tokens");
    ArrayNode lps = o.putArray("token_logprobs");
    ArrayNode tops = o.putArray("top_logprobs");
    ArrayNode offsets = o.putArray("text_offset");
    int offset = 0;
    if (echo && !bosAdded) {
      String t = Choices.tokenString(text, all[0]);
      tokens.add(t);
      lps.addNull();
      tops.addNull();
      offsets.add(offset);
      offset += t.length();
    }
    for (TokenLogProb lp : scored) {
      String t = Choices.tokenString(text, lp.token());
      tokens.add(t);
      lps.add(lp.logprob());
      ObjectNode m = tops.addObject();
      for (int i = 0; i < lp.topTokens().length; i++) {
        String k = Choices.tokenString(text, lp.topTokens()[i]);
        if (!m.has(k)) {
          m.put(k, lp.topLogprobs()[i]);
        }
      }
      offsets.add(offset);
      offset += t.length();
    }
    return o;
  }

  private static int[] check(int[] ids, int vocab) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= vocab) {
        throw ApiException.badRequest("prompt", "prompt token " + i + " is " + ids[i] + ", outside the vocabulary of "
            + vocab + " tokens");
      }
    }
    return ids;
  }

  private static List<Prompt> prompts(JsonNode p) {
    List<Prompt> out = new ArrayList<>();
    if (p == null || p.isNull()) {
      throw ApiException.badRequest("prompt", "prompt is required: a string, an array of strings, an array of token "
          + "ids or an array of such arrays");
    }
    if (p.isTextual()) {
      out.add(new Prompt(p.asText(), null));
    } else if (p.isArray() && !p.isEmpty() && p.get(0).isIntegralNumber()) {
      out.add(new Prompt(null, ids(p, "prompt")));
    } else if (p.isArray() && !p.isEmpty()) {
      for (int i = 0; i < p.size(); i++) {
        JsonNode x = p.get(i);
        if (x.isTextual()) {
          out.add(new Prompt(x.asText(), null));
        } else if (x.isArray()) {
          out.add(new Prompt(null, ids(x, "prompt[" + i + "]")));
        } else {
          throw ApiException.badRequest("prompt", "prompt[" + i + "] must be a string or an array of token ids");
        }
      }
    } else {
      throw ApiException.badRequest("prompt", "prompt must be a string, an array of strings, an array of token ids "
          + "or an array of such arrays");
    }
    return out;
  }

  private static int[] ids(JsonNode a, String at) {
    int[] ids = new int[a.size()];
    for (int i = 0; i < ids.length; i++) {
      if (!a.get(i).isIntegralNumber() || !a.get(i).canConvertToInt()) {
        throw ApiException.badRequest("prompt", at + "[" + i + "] must be a token id (integer), got " + a.get(i));
      }
      ids[i] = a.get(i).asInt();
    }
    return ids;
  }
}
