package dev.llamakit.eval.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.Loglikelihood;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.model.ModelIdentity;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * lm-evaluation-harness's three calls on any model behind an OpenAI-compatible server, as lm-eval's
 * {@code local-completions} and {@code local-chat-completions} ask them.
 *
 * <ul>
 *   <li>Log-likelihood: one {@code POST /completions} per {@link ApiConfig#batch()} prompts, each prompt the text
 *       {@code context + continuation}, with {@code echo: true, logprobs: 1, temperature: 0, max_tokens: 1} (or 0);
 *       the continuation's tokens are found by {@code text_offset} ({@link EchoScores}). The server tokenises, so BOS
 *       and the token boundary are the server's; an empty context needs a server that starts prompts with BOS.</li>
 *   <li>Rolling log-likelihood: the same echo request with the whole text as the continuation of an empty context
 *       (scored in the server's context window, not windowed here).</li>
 *   <li>Generation: one {@code POST /completions} per request ({@code prompt, max_tokens, temperature, stop, seed},
 *       plus {@code top_p} when sampling) or, with {@link ApiConfig#chat()}, {@code POST /chat/completions} with the
 *       request's conversation ({@code --apply-chat-template}) or else the context as one user message, and at most 4
 *       stop strings (lm-eval's {@code stop[:4]}); the text is cut before the earliest stop string again here.</li>
 * </ul>
 * HTTP requests go one at a time or, with {@link ApiConfig#concurrent()}, several at once, answers kept in request
 * order. The identity's hash is the SHA-256 of the endpoint and model name, not of weights the harness cannot see.
 */
public final class ApiLanguageModel implements LanguageModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** lm-eval's request seed. */
  private static final long SEED = 1234;

  private final ApiConfig config;
  private final ApiClient client;
  private final ModelIdentity identity;
  private final AtomicLong httpRequests = new AtomicLong();
  private final ExecutorService pool;
  private boolean chatPrompts;

  public ApiLanguageModel(ApiConfig config, PrintStream log) {
    this.config = config;
    this.client = new ApiClient(config, log);
    this.pool = Executors.newFixedThreadPool(config.concurrent(), Thread.ofPlatform().daemon().name("api-", 0)
        .factory());
    this.identity = new ModelIdentity(config.model(), sha256("openai-api " + config.baseUrl() + " " + config.model()));
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  @Override
  public String backend() {
    return config.chat() ? "local-chat-completions" : "local-completions";
  }

  @Override
  public String modelArgs() {
    return "model=" + config.model() + ",base_url=" + config.baseUrl() + ",batch_size=" + config.batch();
  }

  /** HTTP requests sent so far, retries excluded. */
  public long httpRequests() {
    return httpRequests.get();
  }

  /** Retries made so far. */
  public long retries() {
    return client.retries();
  }

  /**
   * With {@link ApiConfig#chatTemplate()}, renders on this side (for {@code /completions}, log-likelihoods included;
   * a chat-completions generation still sends the messages). Otherwise, with {@link ApiConfig#chat()}, the server
   * applies its own template: the conversation is kept for {@code /chat/completions} and the prompt text is its JSON
   * (lm-eval's {@code JsonChatStr}, also what the samples show), and log-likelihoods are refused from then on. A
   * {@code /completions} backend without a template refuses.
   */
  @Override
  public String applyChatTemplate(List<Message> messages) {
    if (config.chatTemplate() != null) {
      return ChatTemplate.byName(config.chatTemplate()).render(messages, true);
    }
    if (!config.chat()) {
      throw new IllegalStateException("--apply-chat-template on an API model needs --api-chat (the server's "
          + "/chat/completions applies its template) or --api-chat-template NAME (rendered here for /completions)");
    }
    chatPrompts = true;
    return messagesJson(messages).toString();
  }

  private static ArrayNode messagesJson(List<Message> messages) {
    ArrayNode a = JSON.createArrayNode();
    messages.forEach(m -> a.addObject().put("role", m.role()).put("content", m.content()));
    return a;
  }

  @Override
  public List<List<Loglikelihood>> loglikelihood(List<LoglikelihoodRequest> requests) {
    if (chatPrompts) {
      throw new IllegalStateException("log-likelihood tasks cannot run with --apply-chat-template on an API model: "
          + "/chat/completions gives no prompt log-probabilities (lm-eval's local-chat-completions refuses them too)");
    }
    List<String[]> pairs = new ArrayList<>();
    for (LoglikelihoodRequest r : requests) {
      for (String c : r.continuations()) {
        pairs.add(new String[] {r.context(), c});
      }
    }
    List<Loglikelihood> flat = score(pairs);
    List<List<Loglikelihood>> out = new ArrayList<>(requests.size());
    int k = 0;
    for (LoglikelihoodRequest r : requests) {
      out.add(List.copyOf(flat.subList(k, k + r.continuations().size())));
      k += r.continuations().size();
    }
    return out;
  }

  @Override
  public List<Double> loglikelihoodRolling(List<String> texts) {
    List<String[]> pairs = texts.stream().map(t -> new String[] {"", t}).toList();
    return score(pairs).stream().map(Loglikelihood::logprob).toList();
  }

  private List<Loglikelihood> score(List<String[]> pairs) {
    URI url = config.completions();
    List<Callable<List<Loglikelihood>>> calls = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i += config.batch()) {
      int first = i;
      List<String[]> chunk = pairs.subList(i, Math.min(pairs.size(), i + config.batch()));
      calls.add(() -> scoreChunk(url, chunk, first));
    }
    List<Loglikelihood> out = new ArrayList<>(pairs.size());
    runAll(calls).forEach(out::addAll);
    return out;
  }

  private List<Loglikelihood> scoreChunk(URI url, List<String[]> chunk, int first) {
    ObjectNode body = JSON.createObjectNode().put("model", config.model());
    if (chunk.size() == 1) {
      body.put("prompt", chunk.getFirst()[0] + chunk.getFirst()[1]);
    } else {
      ArrayNode prompts = body.putArray("prompt");
      chunk.forEach(p -> prompts.add(p[0] + p[1]));
    }
    body.put("temperature", 0).put("max_tokens", config.echoMaxTokens()).put("logprobs", 1).put("seed", SEED)
        .put("echo", true);
    JsonNode[] choices = choices(url, post(url, body), chunk.size());
    List<Loglikelihood> out = new ArrayList<>(chunk.size());
    for (int j = 0; j < chunk.size(); j++) {
      String ctx = chunk.get(j)[0];
      String prompt = ctx + chunk.get(j)[1];
      out.add(EchoScores.continuation(choices[j], EchoScores.codePoints(ctx), EchoScores.codePoints(prompt),
          config.echoMaxTokens(), "POST " + url + ": prompt " + (first + j)));
    }
    return out;
  }

  @Override
  public List<String> generateUntil(List<GenerationRequest> requests) {
    URI url = config.chat() ? config.chatCompletions() : config.completions();
    return runAll(requests.stream().<Callable<String>>map(r -> () -> generate(url, r)).toList());
  }

  private String generate(URI url, GenerationRequest r) {
    ObjectNode body = JSON.createObjectNode().put("model", config.model());
    List<String> stop = r.until().stream().filter(s -> !s.isEmpty()).toList();
    if (config.chat()) {
      body.set("messages", messagesJson(r.messages() != null ? r.messages() : List.of(Message.user(r.context()))));
      stop = stop.subList(0, Math.min(4, stop.size()));
    } else {
      body.put("prompt", r.context());
    }
    body.put("max_tokens", r.maxTokens()).put("temperature", r.temperature());
    if (!r.greedy()) {
      body.put("top_p", r.topP());
    }
    if (!stop.isEmpty()) {
      ArrayNode s = body.putArray("stop");
      stop.forEach(s::add);
    }
    // lm-eval sends 1234 for every request, which makes a seeded server repeat one sample n times; each sampled
    // request here carries its own seed, kept non-negative and within 31 bits for servers that store it as int
    body.put("seed", r.greedy() ? SEED : r.seed() & 0x7fffffffL);
    JsonNode choice = choices(url, post(url, body), 1)[0];
    JsonNode text = config.chat() ? choice.path("message").path("content") : choice.path("text");
    if (!text.isTextual() && !text.isNull()) {
      throw new ApiException("POST " + url + ": the answer has no " + (config.chat() ? "choices[0].message.content"
          : "choices[0].text") + " string");
    }
    return r.cutAtStop(text.isNull() ? "" : text.asText()); // lm-eval: null content counts as ""
  }

  /**
   * Runs {@code calls} (one HTTP request each) in order, or up to {@link ApiConfig#concurrent()} at a time; results in
   * call order. After a failure no further request is sent; the first failure (in call order) is rethrown once every
   * request in flight has ended.
   */
  private <T> List<T> runAll(List<Callable<T>> calls) {
    List<T> out = new ArrayList<>(calls.size());
    if (config.concurrent() == 1 || calls.size() == 1) {
      for (Callable<T> c : calls) {
        out.add(call(c));
      }
      return out;
    }
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<T>> futures = new ArrayList<>(calls.size());
    for (Callable<T> c : calls) {
      futures.add(pool.submit(() -> {
        if (failed.get()) {
          return null; // a request failed: the ones not yet sent are not sent
        }
        try {
          return c.call();
        } catch (RuntimeException e) {
          failed.set(true);
          throw e;
        }
      }));
    }
    RuntimeException failure = null;
    for (Future<T> f : futures) { // every future is awaited, so no request is still in flight on return
      try {
        T t = f.get();
        out.add(t);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException re ? re : new ApiException(e.getCause().toString(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.set(true);
        throw new ApiException("interrupted while waiting for " + config.baseUrl(), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private static <T> T call(Callable<T> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    client.close();
  }

  private JsonNode post(URI url, JsonNode body) {
    httpRequests.incrementAndGet();
    return client.post(url, body);
  }

  /** The {@code choices} of an answer ordered by {@code index}; exactly {@code expected} of them. */
  private static JsonNode[] choices(URI url, JsonNode answer, int expected) {
    JsonNode cs = answer.path("choices");
    if (!cs.isArray() || cs.size() != expected) {
      throw new ApiException("POST " + url + ": expected " + expected + " choices, the answer has "
          + (cs.isArray() ? cs.size() : "no choices array") + (answer.has("error") ? ": " + answer.get("error") : ""));
    }
    JsonNode[] out = new JsonNode[expected];
    for (int k = 0; k < expected; k++) {
      JsonNode c = cs.get(k);
      int idx = c.path("index").asInt(cs.size() == 1 ? 0 : -1);
      if (idx < 0 || idx >= expected || out[idx] != null) {
        throw new ApiException("POST " + url + ": choices[" + k + "].index = " + c.get("index")
            + " is missing, out of range or repeated");
      }
      out[idx] = c;
    }
    return out;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
