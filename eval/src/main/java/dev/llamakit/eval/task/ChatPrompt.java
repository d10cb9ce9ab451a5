package dev.llamakit.eval.task;

import dev.llamakit.engine.chat.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * lm-eval's {@code fewshot_context} as turns, for {@code --system-instruction}, {@code --apply-chat-template} and
 * {@code --fewshot-as-multiturn}.
 *
 * <p>The turns of a document: a system turn holding {@code system_instruction} and the task description joined by
 * the few-shot delimiter (lm-eval's {@code maybe_delimit}: no delimiter when either side already has whitespace
 * there), present when either is non-empty; per shot a user turn {@code text(shot)} followed by the target delimiter
 * and an assistant turn {@code target(shot)} followed by the few-shot delimiter; then a user turn {@code text(doc)}.
 * As plain text the turns are concatenated with their delimiters (without a system instruction that is exactly
 * {@link Task#context}). For a chat template, {@code --fewshot-as-multiturn} keeps every turn as a message (delimiters
 * dropped); otherwise everything after the system turn is collapsed into one user message, its text the plain
 * concatenation (lm-eval's {@code multiturn_to_singleturn}).
 */
public final class ChatPrompt {
  private ChatPrompt() {}

  /**
   * How prompts are built.
   *
   * @param applyChatTemplate render a conversation with the model's chat template
   * @param fewshotAsMultiturn shots as user/assistant turns (needs {@code applyChatTemplate})
   * @param systemInstruction text before the task description (a system message with a chat template), or null
   */
  public record Style(boolean applyChatTemplate, boolean fewshotAsMultiturn, String systemInstruction) {
    /** lm-eval's default: plain text, no system instruction. */
    public static final Style PLAIN = new Style(false, false, null);

    public Style {
      if (fewshotAsMultiturn && !applyChatTemplate) {
        throw new IllegalArgumentException("--fewshot-as-multiturn needs --apply-chat-template");
      }
    }

    public boolean plain() {
      return !applyChatTemplate && systemInstruction == null;
    }
  }

  private record Turn(String role, String content, String delimiter) {}

  /** The plain-text prompt with a system instruction in front (lm-eval without a chat template). */
  public static String text(Task task, Doc doc, List<Doc> shots, String systemInstruction) {
    StringBuilder sb = new StringBuilder();
    for (Turn t : turns(task, doc, shots, systemInstruction)) {
      sb.append(t.content()).append(t.delimiter());
    }
    return sb.toString();
  }

  /** The conversation a chat template renders. */
  public static List<Message> messages(Task task, Doc doc, List<Doc> shots, String systemInstruction,
      boolean multiturn) {
    List<Turn> turns = turns(task, doc, shots, systemInstruction);
    List<Message> out = new ArrayList<>();
    int first = 0;
    if (turns.getFirst().role().equals("system")) {
      out.add(Message.system(turns.getFirst().content()));
      first = 1;
    }
    if (multiturn) {
      for (Turn t : turns.subList(first, turns.size())) {
        out.add(new Message(t.role(), t.content()));
      }
      return out;
    }
    StringBuilder user = new StringBuilder();
    for (Turn t : turns.subList(first, turns.size())) {
      user.append(t.content()).append(t.delimiter()); // the last (the document's) turn has no delimiter
    }
    out.add(Message.user(user.toString()));
    return out;
  }

  private static List<Turn> turns(Task task, Doc doc, List<Doc> shots, String systemInstruction) {
    TaskSpec spec = task.spec();
    List<Turn> turns = new ArrayList<>();
    String system = maybeDelimit(systemInstruction, task.description(doc), spec.fewshotDelimiter());
    if (!system.isEmpty()) {
      turns.add(new Turn("system", system, ""));
    }
    for (Doc s : shots) {
      turns.add(new Turn("user", task.text(s), spec.targetDelimiter()));
      turns.add(new Turn("assistant", task.shotTarget(s), spec.fewshotDelimiter()));
    }
    turns.add(new Turn("user", task.text(doc), ""));
    return turns;
  }

  /** lm-eval's {@code maybe_delimit}. */
  static String maybeDelimit(String prefix, String suffix, String delimiter) {
    if (prefix == null || prefix.isEmpty()) {
      return suffix == null ? "" : suffix;
    }
    if (suffix == null || suffix.isEmpty()) {
      return prefix;
    }
    boolean space = Character.isWhitespace(prefix.charAt(prefix.length() - 1))
        || Character.isWhitespace(suffix.charAt(0));
    return space ? prefix + suffix : prefix + delimiter + suffix;
  }
}
