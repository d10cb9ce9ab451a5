package dev.llamakit.safety.moderation;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationShield;
import dev.llamakit.safety.code.InsecureCodeShield;
import dev.llamakit.safety.injection.PromptAttackShield;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Input and output shields around generation.
 *
 * <ol>
 *   <li>Input: the last USER message goes through the USER shields (default: moderation classifier + prompt-attack
 *       detector), every TOOL message (tool results, retrieved documents) through the TOOL shields (default:
 *       prompt-attack detector, injection score). Any BLOCK or ERROR refuses without generating.
 *   <li>Generation through the {@link Generator} port, streamed.
 *   <li>Output: the reply is checked while it streams, in windows: whenever {@code windowChars} new characters
 *       have arrived, the ASSISTANT shields (default: moderation classifier + insecure-code detector) judge the last
 *       {@code windowChars + contextChars} characters in the context of the user turn; a BLOCK or ERROR cancels
 *       generation and the reply becomes a refusal. Text reaches {@code onApproved} only after the window that
 *       contains it has passed (buffer-then-release: unsafe text never leaks). At the end the whole reply is checked
 *       once more, before the last window's text is released.
 * </ol>
 * ERROR always counts as BLOCK (fail closed); WARN results are kept in the outcome but do not stop anything.
 */
public final class ModerationFilter {
  /** Which shields run for each role, and the output window. */
  public record Config(Map<Role, List<Shield>> inputShields, List<Shield> outputShields, int windowChars, int contextChars) {
    public Config {
      if (windowChars < 16) throw new IllegalArgumentException("windowChars >= 16");
      if (contextChars < 0) throw new IllegalArgumentException("contextChars >= 0");
      inputShields = Map.copyOf(inputShields);
      outputShields = List.copyOf(outputShields);
    }

    /**
     * These shields plus {@code guard} (e.g. a {@link dev.llamakit.safety.llamaguard.LlamaGuardShield} on the engine)
     * on USER input and on ASSISTANT output.
     */
    public Config withGuard(Shield guard) {
      Map<Role, List<Shield>> in = new java.util.HashMap<>(inputShields);
      List<Shield> user = new ArrayList<>(in.getOrDefault(Role.USER, List.of()));
      user.add(guard);
      in.put(Role.USER, user);
      List<Shield> out = new ArrayList<>(outputShields);
      out.add(guard);
      return new Config(in, out, windowChars, contextChars);
    }

    /** The defaults: USER = moderation + prompt attack, TOOL = prompt attack, ASSISTANT = moderation + code; 400/100 chars. */
    public static Config defaults() {
      Shield moderation = ModerationShield.standard();
      Shield attacks = PromptAttackShield.standard();
      return new Config(Map.of(Role.USER, List.of(moderation, attacks), Role.TOOL, List.of(attacks)),
          List.of(moderation, InsecureCodeShield.standard()), 400, 100);
    }
  }

  private final Config config;
  private final Generator generator;

  /** A filter around {@code generator}. */
  public ModerationFilter(Generator generator, Config config) {
    this.generator = generator;
    this.config = config;
  }

  /** Checks only the input side (no generation): null when it passes, else the refusal outcome. */
  public ModerationOutcome checkInput(List<Message> messages, List<ShieldResult> results) {
    if (messages.isEmpty()) return refuse(ModerationOutcome.Stage.INPUT, results, 0, List.of());
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) if (messages.get(i).role() == Role.USER) lastUser = i;
    for (int i = 0; i < messages.size(); i++) {
      Role r = messages.get(i).role();
      if (r == Role.ASSISTANT || r == Role.USER && i != lastUser) continue;
      for (Shield s : config.inputShields().getOrDefault(r, List.of())) {
        ShieldResult res = s.check(messages.subList(0, i + 1));
        results.add(res);
        if (res.decision().blocks()) return refuse(ModerationOutcome.Stage.INPUT, results, 0, List.of(res));
      }
    }
    return null;
  }

  /** Runs input shields, generation and windowed output shields; {@code onApproved} receives released text. */
  public ModerationOutcome respond(List<Message> messages, Consumer<String> onApproved) {
    List<ShieldResult> results = new ArrayList<>();
    ModerationOutcome refused = checkInput(messages, results);
    if (refused != null) return refused;
    Window w = new Window(messages, results, onApproved);
    try {
      generator.generate(messages, w::accept, () -> w.blocked != null);
    } catch (Exception | LinkageError e) {
      results.add(ShieldResult.error("generator", "generation failed: " + e, null));
      return refuse(ModerationOutcome.Stage.GENERATION_ERROR, results, w.text.length(), List.of(results.getLast()));
    }
    if (w.blocked == null) w.finish();
    if (w.blocked != null) return refuse(ModerationOutcome.Stage.OUTPUT, results, w.text.length(), List.of(w.blocked));
    return new ModerationOutcome(true, w.text.toString(), ModerationOutcome.Stage.NONE, results, w.text.length());
  }

  /** The streaming window state of one reply. */
  private final class Window {
    final List<Message> context;
    final List<ShieldResult> results;
    final Consumer<String> onApproved;
    final StringBuilder text = new StringBuilder();
    int checkedUpTo = 0;
    ShieldResult blocked;

    Window(List<Message> messages, List<ShieldResult> results, Consumer<String> onApproved) {
      List<Message> ctx = new ArrayList<>();
      for (Message m : messages) if (m.role() == Role.USER) ctx.add(m);
      this.context = ctx.isEmpty() ? List.of() : List.of(ctx.getLast());
      this.results = results;
      this.onApproved = onApproved;
    }

    void accept(String chunk) {
      if (blocked != null || chunk == null || chunk.isEmpty()) return;
      text.append(chunk);
      while (blocked == null && text.length() - checkedUpTo >= config.windowChars()) {
        judge(checkedUpTo + config.windowChars());
      }
    }

    void finish() {
      // The whole reply first, so the last window's text is released only once everything passed.
      if (text.length() > config.windowChars()) {
        ShieldResult whole = runOutputShields(text.toString());
        if (whole != null) {
          blocked = whole;
          return;
        }
      }
      if (checkedUpTo < text.length()) judge(text.length());
    }

    /** Judges text[max(0, end - window - context) .. end) and releases text[checkedUpTo .. end) if it passes. */
    private void judge(int end) {
      int start = Math.max(0, end - config.windowChars() - config.contextChars());
      ShieldResult bad = runOutputShields(text.substring(start, end));
      if (bad != null) {
        blocked = bad;
        return;
      }
      if (onApproved != null && end > checkedUpTo) onApproved.accept(text.substring(checkedUpTo, end));
      checkedUpTo = end;
    }

    private ShieldResult runOutputShields(String reply) {
      List<Message> conv = new ArrayList<>(context);
      conv.add(Message.assistant(reply));
      for (Shield s : config.outputShields()) {
        ShieldResult r = s.check(conv);
        results.add(r);
        if (r.decision().blocks()) return r;
      }
      return null;
    }
  }

  private static ModerationOutcome refuse(ModerationOutcome.Stage stage, List<ShieldResult> results, int generated,
                                          List<ShieldResult> why) {
    return new ModerationOutcome(false, refusal(why), stage, results, generated);
  }

  /** The refusal text, naming the categories (or the failure) that caused it. */
  public static String refusal(List<ShieldResult> why) {
    Set<String> names = new LinkedHashSet<>();
    boolean error = false;
    for (ShieldResult r : why) {
      if (r.decision() == Decision.ERROR) error = true;
      r.categories().forEach(c -> names.add(c.code() + " " + c.name()));
    }
    if (error && names.isEmpty()) return "I can't answer that: the safety check could not be completed.";
    if (names.isEmpty()) return "I can't help with that.";
    return "I can't help with that. It was flagged for: " + String.join(", ", names) + ".";
  }
}
