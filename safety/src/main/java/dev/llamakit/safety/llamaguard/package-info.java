/**
 * Llama Guard 1/2/3 on any engine: byte-exact prompt builders ({@link dev.llamakit.safety.llamaguard.LlamaGuardPrompt},
 * templates and quirks in {@code llamaguard/variants.json} + {@code *.txt}, golden-tested against
 * {@code golden/chat/llama_guard.jsonl}), a robust {@link dev.llamakit.safety.llamaguard.VerdictParser}, and
 * {@link dev.llamakit.safety.llamaguard.LlamaGuardShield}, which runs the model through the small
 * {@link dev.llamakit.safety.llamaguard.GuardModel} port that the engine implements.
 *
 * <p>Where P(unsafe) is read: Llama Guard 3 prompts end at {@code <|end_header_id|>} and the model first emits
 * {@code "\n\n"} (token 271); the shield asks for the next-token distribution after {@code prompt + "\n\n"} and reads
 * p({@code "unsafe"} = 39257). Llama Guard 1/2 prompts end at {@code [/INST]}: the verdict is the first token.
 *
 * <pre>{@code
 * LlamaGuardVariant v = LlamaGuardVariant.named("lg3-1b-hf");
 * Shield guard = new LlamaGuardShield(engineGuardModel, LlamaGuardShield.Config.defaults(v));
 * ShieldResult r = guard.check(List.of(Message.user(q), Message.assistant(answer)));   // agent classification
 * }</pre>
 */
package dev.llamakit.safety.llamaguard;
