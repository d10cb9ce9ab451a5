package dev.llamakit.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.eval.testing.OpenAiTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llamakit eval run --model-api}: a run against a loopback OpenAI-compatible server that answers from the
 * engine on stories260K gives the same scores and responses as the same run on the engine in process.
 */
class ApiRunCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void apiRunScoresAsTheEngineRun(@TempDir Path dir) throws Exception {
    Path m = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path data = SharedFiles.require("data/benchmarks");
    List<String> common = List.of("run", "--tasks", "arc_easy,gsm8k_cot", "--num-fewshot", "0", "--limit", "3",
        "--max-gen-toks", "24", "--data", data.toString(), "--no-progress");
    try (LlamaEngine engine = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1));
        OpenAiTestServer server = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()))) {
      List<String> api = new ArrayList<>(common);
      api.addAll(List.of("--model-api", server.baseUrl().toString(), "--api-model", "stories260K", "--api-batch", "4",
          "-o", dir.resolve("api").toString()));
      EvalCommandsTest.Result a = EvalCommandsTest.exec(api.toArray(String[]::new));
      assertEquals(0, a.code(), a.err());
      List<String> local = new ArrayList<>(common);
      local.addAll(List.of("--model", m.toString(), "--model-arg", "threads=1", "-o", dir.resolve("local").toString()));
      EvalCommandsTest.Result l = EvalCommandsTest.exec(local.toArray(String[]::new));
      assertEquals(0, l.code(), l.err());
    }
    JsonNode ra = JSON.readTree(dir.resolve("api/results.json").toFile());
    JsonNode rl = JSON.readTree(dir.resolve("local/results.json").toFile());
    assertEquals("local-completions", ra.at("/config/model").asText());
    assertTrue(ra.at("/config/model_args").asText().startsWith("model=stories260K,base_url=http://127.0.0.1:"));
    for (String key : List.of("/results/arc_easy/acc,none", "/results/arc_easy/acc_norm,none",
        "/results/gsm8k_cot/exact_match,strict-match", "/results/gsm8k_cot/exact_match,flexible-extract")) {
      assertTrue(rl.at(key).isNumber(), key);
      assertEquals(rl.at(key).asDouble(), ra.at(key).asDouble(), 1e-12, key);
    }
    assertTrue(ra.at("/truncation/arc_easy/truncated").isNull(), "the API backend cannot tell");
    assertEquals(0, rl.at("/truncation/arc_easy/truncated").asInt(-1), "0-shot ARC fits stories260K's window");
    List<String> al = Files.readAllLines(dir.resolve("api/samples_arc_easy.jsonl"));
    List<String> ll = Files.readAllLines(dir.resolve("local/samples_arc_easy.jsonl"));
    assertEquals(ll.size(), al.size());
    for (int i = 0; i < ll.size(); i++) {
      JsonNode x = JSON.readTree(al.get(i)).get("resps");
      JsonNode y = JSON.readTree(ll.get(i)).get("resps");
      for (int j = 0; j < y.size(); j++) {
        assertEquals(y.get(j).get(0).asDouble(), x.get(j).get(0).asDouble(), 1e-4, "doc " + i + " choice " + j);
        assertEquals(y.get(j).get(1).asBoolean(), x.get(j).get(1).asBoolean(), "doc " + i + " choice " + j);
      }
    }
    List<String> ag = Files.readAllLines(dir.resolve("api/samples_gsm8k_cot.jsonl"));
    List<String> lg = Files.readAllLines(dir.resolve("local/samples_gsm8k_cot.jsonl"));
    for (int i = 0; i < lg.size(); i++) {
      assertEquals(JSON.readTree(lg.get(i)).get("resps"), JSON.readTree(ag.get(i)).get("resps"), "gsm8k doc " + i);
    }
  }

  /** --api-chat-template renders here and scores through /completions: the same scores as the engine's template. */
  @Test
  void chatTemplateRenderedHereScoresAsTheEngine(@TempDir Path dir) throws Exception {
    Path m = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path data = SharedFiles.require("data/benchmarks");
    List<String> common = List.of("run", "--tasks", "arc_easy", "--num-fewshot", "0", "--limit", "3", "--data",
        data.toString(), "--no-progress", "--apply-chat-template");
    try (LlamaEngine engine = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1));
        OpenAiTestServer server = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()))) {
      List<String> api = new ArrayList<>(common);
      api.addAll(List.of("--model-api", server.baseUrl().toString(), "--api-model", "stories260K",
          "--api-chat-template", "llama2", "-o", dir.resolve("api").toString()));
      EvalCommandsTest.Result a = EvalCommandsTest.exec(api.toArray(String[]::new));
      assertEquals(0, a.code(), a.err());
      List<String> local = new ArrayList<>(common);
      local.addAll(List.of("--model", m.toString(), "--model-arg", "threads=1", "--model-arg", "chat_template=llama2",
          "-o", dir.resolve("local").toString()));
      EvalCommandsTest.Result l = EvalCommandsTest.exec(local.toArray(String[]::new));
      assertEquals(0, l.code(), l.err());
    }
    List<String> al = Files.readAllLines(dir.resolve("api/samples_arc_easy.jsonl"));
    List<String> ll = Files.readAllLines(dir.resolve("local/samples_arc_easy.jsonl"));
    assertEquals(3, al.size());
    for (int i = 0; i < ll.size(); i++) {
      JsonNode x = JSON.readTree(al.get(i));
      JsonNode y = JSON.readTree(ll.get(i));
      assertEquals(y.get("arguments"), x.get("arguments"), "same rendered prompts");
      assertTrue(x.at("/arguments/0/0").asText().startsWith("[INST] Question: "), x.get("arguments").toString());
      for (int j = 0; j < y.get("resps").size(); j++) {
        assertEquals(y.at("/resps/" + j + "/0").asDouble(), x.at("/resps/" + j + "/0").asDouble(), 1e-4);
      }
    }
  }

  @Test
  void chatTemplateRunsSendTheConversationToChatCompletions(@TempDir Path dir) throws Exception {
    Path m = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path data = SharedFiles.require("data/benchmarks");
    try (LlamaEngine engine = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1));
        OpenAiTestServer server = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()))) {
      String url = server.baseUrl().toString();
      EvalCommandsTest.Result r = EvalCommandsTest.exec("run", "--tasks", "gsm8k_cot", "--num-fewshot", "2", "--limit",
          "1", "--max-gen-toks", "8", "--data", data.toString(), "--no-progress", "--model-api", url, "--api-model",
          "stories260K", "--api-chat", "--apply-chat-template", "--fewshot-as-multiturn", "--system-instruction",
          "Think step by step.", "-o", dir.resolve("chat").toString());
      assertEquals(0, r.code(), r.err());
      JsonNode sent = server.received().getLast();
      List<String> roles = new ArrayList<>();
      sent.get("messages").forEach(msg -> roles.add(msg.get("role").asText()));
      assertEquals(List.of("system", "user", "assistant", "user", "assistant", "user"), roles);
      assertEquals("Think step by step.", sent.at("/messages/0/content").asText());
      assertTrue(sent.at("/messages/5/content").asText().startsWith("Q: "), sent.toString());
      assertTrue(sent.at("/messages/5/content").asText().endsWith("\nA:"), sent.toString());
      JsonNode sample = JSON.readTree(Files.readAllLines(dir.resolve("chat/samples_gsm8k_cot.jsonl")).getFirst());
      assertEquals(sent.get("messages"), JSON.readTree(sample.at("/arguments/0/arg_0").asText()),
          "the samples show the conversation as lm-eval's JsonChatStr");

      EvalCommandsTest.Result mc = EvalCommandsTest.exec("run", "--tasks", "arc_easy", "--data", data.toString(),
          "--model-api", url, "--api-model", "stories260K", "--api-chat", "--apply-chat-template",
          "-o", dir.resolve("mc").toString());
      assertEquals(2, mc.code(), mc.err());
      assertTrue(mc.err().contains("arc_easy is scored by log-likelihood"), mc.err());
    }
  }

  @Test
  void benchCountsLoglikelihoodRequestsPerHttpRequest() throws Exception {
    Path m = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path data = SharedFiles.require("data/benchmarks");
    try (LlamaEngine engine = LlamaEngine.load(m, ModelOptions.defaults().withThreads(1));
        OpenAiTestServer server = new OpenAiTestServer(engine, Tokenizer.fromGguf(engine.model().metadata().orElseThrow()))) {
      EvalCommandsTest.Result r = EvalCommandsTest.exec("bench", "--model-api", server.baseUrl().toString(),
          "--api-model", "stories260K", "--questions", "3", "--api-batch", "1,4", "--api-echo-max-tokens", "0", "--api-concurrent", "2",
          "--data", data.toString());
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.out().lines().toList();
      assertEquals(2, lines.size(), r.out());
      java.util.regex.Matcher one = java.util.regex.Pattern.compile(
          "(\\d+) log-likelihood requests in (\\d+) HTTP requests \\(batch 1, max_tokens 0, 2 concurrent\\)")
          .matcher(lines.get(0));
      java.util.regex.Matcher four = java.util.regex.Pattern.compile(
          "(\\d+) log-likelihood requests in (\\d+) HTTP requests \\(batch 4, max_tokens 0, 2 concurrent\\)")
          .matcher(lines.get(1));
      assertTrue(one.find() && four.find(), r.out());
      int pairs = Integer.parseInt(one.group(1));
      assertTrue(pairs >= 9, "3 ARC questions have at least 3 choices each: " + pairs);
      assertEquals(pairs, Integer.parseInt(one.group(2)));
      assertEquals((pairs + 3) / 4, Integer.parseInt(four.group(2)));
    }
  }

  @Test
  void unreachableServerFailsTheRunWithOneLineNamingTheUrl(@TempDir Path dir) throws IOException {
    Path data = SharedFiles.require("data/benchmarks");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/v1";
    EvalCommandsTest.Result r = EvalCommandsTest.exec("run", "--tasks", "arc_easy", "--num-fewshot", "0", "--limit",
        "1", "--data", data.toString(), "--no-progress", "--model-api", url, "--api-model", "m", "--api-retries", "1",
        "-o", dir.resolve("run").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("error: POST " + url + "/completions: connection refused (after 1 attempt)"), r.err());
  }

  @Test
  void apiOptionsAreCheckedBeforeAnyRequest(@TempDir Path dir) {
    String[][] bad = {
        {"run", "--tasks", "arc_easy", "--model-api", "http://127.0.0.1:9/v1"},
        {"run", "--tasks", "arc_easy"},
        {"run", "--tasks", "arc_easy", "--model", "m.gguf", "--model-api", "http://127.0.0.1:9/v1", "--api-model", "m"},
        {"run", "--tasks", "arc_easy", "--model", "m.gguf", "--api-model", "m"},
        {"run", "--tasks", "arc_easy", "--model-api", "ftp://x/v1", "--api-model", "m"},
        {"run", "--tasks", "arc_easy", "--model-api", "http://127.0.0.1:9/v1", "--api-model", "m", "--api-key-env",
            "LLAMAKIT_TEST_SURELY_UNSET_VARIABLE"},
    };
    for (String[] args : bad) {
      EvalCommandsTest.Result r = EvalCommandsTest.exec(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    }
  }
}
