package dev.llamakit.safety.cli;

import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.moderation.ModerationFilter;
import dev.llamakit.safety.moderation.ModerationOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit safety moderate --text ...}: the input side of the moderation filter (no model needed). */
@Command(name = "moderate", mixinStandardHelpOptions = true,
    description = "Check a message with the input shields of the moderation filter (USER: moderation + prompt attack; TOOL: prompt attack).")
public final class ModerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--text", required = true, description = "The message to check.") String text;

  @Option(names = "--role", defaultValue = "user", description = "user or tool (default: ${DEFAULT-VALUE}).") String role;

  @Option(names = "--model", paramLabel = "GGUF", description = "A chat model: generate the reply through the filter "
      + "(input checked, output checked in windows while it streams).") java.nio.file.Path model;

  @Option(names = "--guard-model", paramLabel = "GGUF", description = "A Llama Guard model added as a shield on input "
      + "and output.") java.nio.file.Path guardModel;

  @Option(names = "--guard-variant", defaultValue = "lg3-1b-hf", description = "Llama Guard prompt variant: "
      + "lg1-hf, lg1-cookbook, lg2-hf, lg3-8b-hf, lg3-1b-hf (default: ${DEFAULT-VALUE}).") String guardVariant;

  @Option(names = "--max-tokens", defaultValue = "256", description = "Reply length limit in tokens.") int maxTokens;

  @Option(names = "--threads", defaultValue = "0", description = "Engine threads (default: all cores).") int threads;

  @Option(names = "--ctx", defaultValue = "0", description = "Context length (default: the model's, capped).") int ctx;

  @Override
  public Integer call() throws Exception {
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Message> conv = r == Role.TOOL ? List.of(Message.user("Summarize this document."), Message.tool(text)) : List.of(new Message(r, text));
    if (model != null || guardModel != null) {
      return withModels(conv);
    }
    ModerationFilter f = new ModerationFilter((m, c, x) -> { },
        dev.llamakit.safety.moderation.ModerationConfig.defaults().build(java.util.Map.of()));
    List<ShieldResult> results = new ArrayList<>();
    ModerationOutcome refused = f.checkInput(conv, results);
    for (ShieldResult s : results) {
      System.out.printf("%-20s %-5s score=%.4f %s %s(%d us)%n", s.shieldId(), s.decision(), s.score(), s.categoryList(),
          s.detail().isEmpty() ? "" : "[" + s.detail() + "] ", s.latency().toNanos() / 1000);
    }
    System.out.println(refused == null ? "ALLOW" : "BLOCK: " + refused.text());
    return 0;
  }

  /** The filter with engine-backed parts: a Llama Guard shield and/or a chat model generating the reply. */
  private Integer withModels(List<Message> conv) throws Exception {
    dev.llamakit.engine.model.ModelOptions mo = dev.llamakit.engine.model.ModelOptions.defaults()
        .withThreads(threads).withContextLength(ctx);
    dev.llamakit.safety.moderation.ModerationConfig mc = dev.llamakit.safety.moderation.ModerationConfig.defaults();
    java.util.Map<String, dev.llamakit.safety.Shield> extra = new java.util.HashMap<>();
    dev.llamakit.safety.engine.EngineGuardModel guard = null;
    dev.llamakit.engine.inference.TextEngine chat = null;
    try {
      if (guardModel != null) {
        guard = dev.llamakit.safety.engine.EngineGuardModel.load(guardModel, mo);
        extra.put("llama-guard", new dev.llamakit.safety.llamaguard.LlamaGuardShield(guard,
            dev.llamakit.safety.llamaguard.LlamaGuardShield.Config.defaults(
                dev.llamakit.safety.llamaguard.LlamaGuardVariant.named(guardVariant))));
        mc = mc.withShield("llama-guard");
      }
      dev.llamakit.safety.moderation.Generator generator = (m, c, x) -> { };
      if (model != null) {
        chat = dev.llamakit.engine.inference.TextEngine.load(model, mo, null);
        if (chat.chatTemplate().isEmpty()) {
          throw new IllegalArgumentException(model + ": a chat model must be a GGUF with its tokenizer and a chat "
              + "template (llama2, llama3)");
        }
        generator = new dev.llamakit.safety.engine.EngineGenerator(chat,
            dev.llamakit.engine.sampling.SamplingParams.greedy(maxTokens));
      }
      ModerationFilter f = new ModerationFilter(generator, mc.build(extra));
      if (model == null) {
        List<ShieldResult> results = new ArrayList<>();
        ModerationOutcome refused = f.checkInput(conv, results);
        print(results);
        System.out.println(refused == null ? "ALLOW" : "BLOCK: " + refused.text());
        return 0;
      }
      ModerationOutcome o = f.respond(conv, piece -> {
        System.out.print(piece);
        System.out.flush();
      });
      System.out.println();
      print(o.results());
      System.out.println(o.allowed() ? "ALLOW" : "BLOCK at " + o.stage() + ": " + o.text());
      return 0;
    } finally {
      if (guard != null) {
        guard.close();
      }
      if (chat != null) {
        chat.close();
      }
    }
  }

  private static void print(List<ShieldResult> results) {
    for (ShieldResult s : results) {
      System.out.printf("%-20s %-5s score=%.4f %s %s(%d us)%n", s.shieldId(), s.decision(), s.score(), s.categoryList(),
          s.detail().isEmpty() ? "" : "[" + s.detail() + "] ", s.latency().toNanos() / 1000);
    }
  }
}
