package dev.llamakit.engine.chat;

import dev.llamakit.engine.gguf.GgufMetadata;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.util.List;

/**
 * Renders a conversation into the prompt text a chat model was trained on, byte for byte as llama.cpp's
 * {@code llama_chat_apply_template} renders its built-in templates.
 *
 * <p>Rendered prompts contain no BOS: the tokenizer adds it ({@code encode(prompt, true, true)}), and special-token
 * text in the template (e.g. {@code <|eot_id|>}) becomes the special token only when special tokens are parsed.
 */
public interface ChatTemplate {

  /** The llama.cpp name of this template ({@code llama2}, {@code llama2-sys}, …, {@code llama3}). */
  String name();

  /**
   * Renders {@code messages}.
   *
   * @param addAssistantPrompt end with the opening of an assistant turn, so the model writes the reply
   */
  String render(List<Message> messages, boolean addAssistantPrompt);

  /** Text at which generation should stop (the template's end-of-turn markers). */
  List<String> stopStrings();

  /** Renders and tokenizes as llama.cpp prompts a chat model: BOS added, special tokens parsed. */
  default int[] encode(Tokenizer tokenizer, List<Message> messages, boolean addAssistantPrompt) {
    return tokenizer.encode(render(messages, addAssistantPrompt), true, true);
  }

  /** A built-in template by its llama.cpp name: {@code llama2}, {@code llama2-sys}, {@code llama2-sys-bos}, {@code llama2-sys-strip}, {@code llama3}. */
  static ChatTemplate byName(String name) {
    return TemplateDetector.byName(name);
  }

  /**
   * The built-in template for a Jinja {@code chat_template} (or a template name), found by the substrings llama.cpp's
   * {@code llm_chat_detect_template} looks for.
   */
  static ChatTemplate detect(String template) {
    return TemplateDetector.detect(template);
  }

  /** The template named by the GGUF key {@code tokenizer.chat_template}. */
  static ChatTemplate fromGguf(GgufMetadata md) {
    if (!md.has("tokenizer.chat_template")) {
      throw new ChatTemplateException("metadata key tokenizer.chat_template is missing: choose a template by name "
          + "(llama2, llama3)");
    }
    return detect(md.getString("tokenizer.chat_template"));
  }
}
