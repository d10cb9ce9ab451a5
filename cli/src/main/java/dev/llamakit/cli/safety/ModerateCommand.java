package dev.llamakit.cli.safety;

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

/**
 * {@code llamakit safety moderate --text ...}: the input side of the moderation filter (no model needed). Exit code
 * {@value #EXIT_BLOCKED} when the message is blocked (0 with {@code --exit-zero}); {@code --json} prints the decision
 * explained: every shield's decision, score, named categories and top category scores.
 */
@Command(name = "moderate", mixinStandardHelpOptions = true,
    description = "Check a message with the input shields of the moderation filter (USER: moderation + prompt attack; TOOL: prompt attack).")
public final class ModerateCommand implements Callable<Integer> {
  /** Exit code of a blocked message. */
  public static final int EXIT_BLOCKED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--text", required = true, description = "The message to check.") String text;

  @Option(names = "--role", defaultValue = "user", description = "user or tool (default: ${DEFAULT-VALUE}).") String role;

  @Option(names = "--model", paramLabel = "GGUF", description = "A chat model: generate the reply through the filter "
      + "(input checked, output checked in windows while it streams).") java.nio.file.Path model;

  @Option(names = "--guard-model", paramLabel = "GGUF", description = "A Llama Guard model added as a shield on input "
      + "and output.") java.nio.file.Path guardModel;

  @Option(names = "--guard-variant", defaultValue = "lg3-1b-hf", description = "Llama Guard prompt variant: "
      + "lg1-hf, lg1-cookbook, lg2-hf, lg3-8b-hf, lg3-1b-hf (default: ${DEFAULT-VALUE}).") String guardVariant;

  @Option(names = "--json", description = "Print the decision as JSON (shields, scores, top categories).") boolean json;

  @Option(names = "--exit-zero", description = "Exit 0 even when the message is blocked (default: exit "
      + EXIT_BLOCKED + ").") boolean exitZero;

  @Option(names = "--config", paramLabel = "FILE", description = "A moderation config (JSON: shields per role, "
      + "thresholds, strength, allowlist).") java.nio.file.Path config;

  @Option(names = "--strength", description = "Filter strength of the embedded moderation shield: low, medium, high "
      + "(default: the config's, else medium).") String strength;

  @Option(names = "--allow", paramLabel = "REGEX", description = "A trusted phrase (regular expression) blanked out "
      + "before judging; repeatable.") List<String> allow = new ArrayList<>();

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
    dev.llamakit.safety.moderation.ModerationConfig mc = moderationConfig();
    if (model != null || guardModel != null) {
      return withModels(conv, mc);
    }
    ModerationFilter f = new ModerationFilter((m, c, x) -> { }, mc.build(java.util.Map.of()));
    List<ShieldResult> results = new ArrayList<>();
    ModerationOutcome refused = f.checkInput(conv, results);
    return report(results, refused == null, refused == null ? "" : refused.text());
  }

  /** The config: --config file (or the defaults), then --strength and --allow on top. */
  private dev.llamakit.safety.moderation.ModerationConfig moderationConfig() throws java.io.IOException {
    dev.llamakit.safety.moderation.ModerationConfig mc = config != null
        ? dev.llamakit.safety.moderation.ModerationConfig.read(config)
        : dev.llamakit.safety.moderation.ModerationConfig.defaults();
    try {
      if (strength != null) mc = mc.withStrength(strength);
      if (!allow.isEmpty()) {
        List<String> all = new ArrayList<>(mc.allowlist());
        all.addAll(allow);
        mc = mc.withAllowlist(all);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return mc;
  }

  /** Prints the results (text or JSON) and returns the exit code. */
  private int report(List<ShieldResult> results, boolean allowed, String refusal) throws java.io.IOException {
    if (json) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("decision", allowed ? "ALLOW" : "BLOCK");
      if (!allowed) out.put("refusal", refusal);
      List<Object> shields = new ArrayList<>();
      for (ShieldResult s : results) shields.add(explain(s));
      out.put("shields", shields);
      System.out.println(new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    } else {
      print(results);
      System.out.println(allowed ? "ALLOW" : "BLOCK: " + refusal);
    }
    return allowed || exitZero ? 0 : EXIT_BLOCKED;
  }

  /** One shield's decision explained: score, named categories, the three highest category scores. */
  static java.util.Map<String, Object> explain(ShieldResult s) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("shield", s.shieldId());
    m.put("decision", s.decision().name());
    m.put("score", Math.round(s.score() * 10000) / 10000.0);
    m.put("categories", s.categories().stream().map(c -> c.code() + " " + c.name()).toList());
    List<java.util.Map<String, Object>> top = new ArrayList<>();
    s.categoryScores().entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
        .forEach(e -> top.add(java.util.Map.of("category", e.getKey(), "score", Math.round(e.getValue() * 10000) / 10000.0)));
    m.put("topCategories", top);
    if (!s.detail().isEmpty()) m.put("detail", s.detail());
    m.put("latencyMicros", s.latency() == null ? null : s.latency().toNanos() / 1000);
    return m;
  }

  /** The filter with engine-backed parts: a Llama Guard shield and/or a chat model generating the reply. */
  private Integer withModels(List<Message> conv, dev.llamakit.safety.moderation.ModerationConfig base) throws Exception {
    dev.llamakit.engine.model.ModelOptions mo = dev.llamakit.engine.model.ModelOptions.defaults()
        .withThreads(threads).withContextLength(ctx);
    dev.llamakit.safety.moderation.ModerationConfig mc = base;
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
        return report(results, refused == null, refused == null ? "" : refused.text());
      }
      ModerationOutcome o = f.respond(conv, piece -> {
        System.out.print(piece);
        System.out.flush();
      });
      System.out.println();
      return report(o.results(), o.allowed(), o.allowed() ? "" : "at " + o.stage() + ": " + o.text());
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
