/**
 * Chat templates: a list of {@link dev.llamakit.engine.chat.Message messages} rendered into the prompt text a chat
 * model was trained on, byte for byte as llama.cpp's {@code llama_chat_apply_template} renders its built-ins.
 *
 * <p>Implemented: Llama 2 ({@code [INST]} … {@code [/INST]}) in llama.cpp's four variants {@code llama2} (system text
 * folded into the first turn), {@code llama2-sys} ({@code <<SYS>>} block), {@code llama2-sys-bos} ({@code <s>} before
 * each later turn) and {@code llama2-sys-strip} (messages trimmed); and Llama 3 (header tokens, {@code "\n\n"} after
 * {@code <|end_header_id|>}, content trimmed, {@code <|eot_id|>} per turn). The fixed strings live in
 * {@code templates.json} beside the classes. {@link dev.llamakit.engine.chat.ChatTemplate#detect} picks the template
 * from a GGUF's Jinja {@code tokenizer.chat_template} by the substrings llama.cpp tests; other families (ChatML,
 * Gemma, …) are reported by name, not rendered.
 *
 * <p>Rendered prompts carry no BOS: tokenize them with {@code addSpecial = true} and {@code parseSpecial = true} so
 * that the template's special-token text becomes special tokens. Note that message text is rendered verbatim, so text
 * like {@code <|eot_id|>} inside a user message also becomes that token (as in llama.cpp); sanitise untrusted content
 * first if that matters.
 *
 * <pre>{@code
 * ChatTemplate t = ChatTemplate.fromGguf(gguf.metadata());           // or ChatTemplate.byName("llama3")
 * List<Message> chat = List.of(Message.system("Be brief."), Message.user("Hi!"));
 * String prompt = t.render(chat, true);   // ...<|start_header_id|>assistant<|end_header_id|>\n\n
 * int[] ids = t.encode(tokenizer, chat, true);                      // BOS + prompt, special tokens parsed
 * }</pre>
 */
package dev.llamakit.engine.chat;
