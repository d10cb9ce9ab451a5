package dev.llamakit.cli.serve;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.cli.engine.ModelMixin;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.Shields;
import dev.llamakit.safety.engine.EngineGuardModel;
import dev.llamakit.safety.llamaguard.LlamaGuardShield;
import dev.llamakit.safety.llamaguard.LlamaGuardVariant;
import dev.llamakit.safety.moderation.ModerationConfig;
import dev.llamakit.serve.Server;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llamakit serve}: the OpenAI-compatible server on one model, with the moderation filter in line. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a model over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/completions, "
        + "/v1/models, /v1/moderations, /v1/safety/run-shield, /health, /metrics) with input and output shields "
        + "in line.", "Binds to loopback unless --host is given with an --api-key."})
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModelMixin model;

  @Option(names = "--model-id", paramLabel = "NAME",
      description = "The id clients name the model by (default: the file name without extension).")
  String modelId;

  @Option(names = "--chat-template", paramLabel = "NAME",
      description = "Chat template when the model names none: llama2, llama2-sys, llama3, ...")
  String chatTemplate;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "Address to bind (default: ${DEFAULT-VALUE}; anything but loopback needs --api-key).")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Require 'Authorization: Bearer KEY' on every route but /health (default: env LLAMAKIT_API_KEY).")
  String apiKey;

  @Option(names = "--shields", paramLabel = "IDS", split = ",",
      description = "Shields on user input and on the output: ids among embedded-moderation, prompt-attack, code-shield "
          + "(and llama-guard with --guard-model), or 'none' (default: the moderation filter's defaults).")
  List<String> shields;

  @Option(names = "--moderation-config", paramLabel = "FILE",
      description = "Moderation config (JSON): shields per role, output window and overlap, per-category thresholds.")
  Path moderationConfig;

  @Option(names = "--guard-model", paramLabel = "GGUF", description = "A Llama Guard model, added as shield "
      + "'llama-guard' on user input and output.")
  Path guardModel;

  @Option(names = "--guard-variant", defaultValue = "lg3-1b-hf",
      description = "Llama Guard prompt variant (default: ${DEFAULT-VALUE}).")
  String guardVariant;

  @Option(names = "--window", paramLabel = "CHARS", description = "Output characters per shield check (default 400).")
  Integer window;

  @Option(names = "--overlap", paramLabel = "CHARS",
      description = "Characters of the previous window each check sees again (default 100).")
  Integer overlap;

  @Option(names = "--max-queue", defaultValue = "16", paramLabel = "N",
      description = "Requests that may wait behind the running ones; more get 429 (default: ${DEFAULT-VALUE}).")
  int maxQueue;

  @Option(names = "--batch", defaultValue = "8", paramLabel = "N",
      description = "Sequences decoded together by continuous batching, each with its own KV cache; 1 = one "
          + "request at a time (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES",
      description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  int maxBody;

  @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per moderation decision.")
  Path auditLog;

  @Option(names = "--audit-text", description = "Also write the checked text to the audit log (off: never).")
  boolean auditText;

  @Override
  public Integer call() throws Exception {
    String key = apiKey != null ? apiKey : System.getenv("LLAMAKIT_API_KEY");
    ModerationConfig mc = moderation();
    Server.Options options;
    try {
      options = new Server.Options(host, port, id(), key, maxBody, maxQueue, mc, auditLog, auditText, batch);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Map<String, Shield> extra = new LinkedHashMap<>();
    EngineGuardModel guard = null;
    try (TextEngine opened = model.openText()) {
      TextEngine text = chatTemplate == null ? opened : opened.withChatTemplate(ChatTemplate.byName(chatTemplate));
      if (guardModel != null) {
        guard = EngineGuardModel.load(guardModel, model.options());
        Shield lg = new LlamaGuardShield(guard, LlamaGuardShield.Config.defaults(LlamaGuardVariant.named(guardVariant)));
        extra.put("llama-guard", lg);
        extra.put(lg.id(), lg);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      try (Server server = Server.start(text, extra, options)) {
        Thread hook = new Thread(stopped::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("llamakit serve: " + options.modelId() + " at " + server.baseUri() + " (context "
            + text.contextLength() + ", chat template " + text.chatTemplate().map(ChatTemplate::name).orElse("none")
            + ", shields " + (mc == null ? "none" : mc.shieldIds()) + ", batch " + batch + ", queue " + maxQueue
            + ")");
        stopped.await();
      }
      return 0;
    } finally {
      if (guard != null) {
        guard.close();
      }
    }
  }

  private String id() {
    if (modelId != null) {
      return modelId;
    }
    String name = model.modelPath().getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The moderation in line from --moderation-config / --shields / --guard-model / --window / --overlap. */
  private ModerationConfig moderation() throws Exception {
    if (moderationConfig != null && shields != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --shields or --moderation-config, not both");
    }
    if (shields != null && shields.equals(List.of("none"))) {
      if (guardModel != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--shields none with --guard-model: the guard "
            + "model would not be used");
      }
      return null;
    }
    ModerationConfig mc;
    if (moderationConfig != null) {
      mc = ModerationConfig.read(moderationConfig);
    } else if (shields != null) {
      for (String s : shields) {
        if (!s.equals("llama-guard") && !Shields.ids().contains(s)) {
          try {
            Shields.byId(s);
          } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shields: " + e.getMessage());
          }
        }
      }
      if (shields.contains("llama-guard") && guardModel == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--shields llama-guard needs --guard-model");
      }
      mc = ModerationConfig.ofShields(shields);
    } else {
      mc = ModerationConfig.defaults();
    }
    if (guardModel != null && !mc.shieldIds().contains("llama-guard")) {
      mc = mc.withShield("llama-guard");
    }
    if (window != null || overlap != null) {
      try {
        mc = mc.withWindow(window != null ? window : mc.windowChars(), overlap != null ? overlap : mc.overlapChars());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--window/--overlap: " + e.getMessage());
      }
    }
    return mc;
  }
}
