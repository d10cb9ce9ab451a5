/**
 * The safety module's ports implemented on llamakit's engine: {@link dev.llamakit.safety.engine.EngineGuardModel}
 * runs a Llama Guard GGUF for {@link dev.llamakit.safety.llamaguard.LlamaGuardShield}, and {@link
 * dev.llamakit.safety.engine.EngineGenerator} streams a chat model's reply for the moderation filter.
 *
 * <pre>{@code
 * try (EngineGuardModel guard = EngineGuardModel.load(Path.of("Llama-Guard-3-1B.Q8_0.gguf"), ModelOptions.defaults())) {
 *   Shield shield = new LlamaGuardShield(guard, LlamaGuardShield.Config.defaults(LlamaGuardVariant.named("lg3-1b")));
 *   ShieldResult r = shield.evaluate(List.of(Message.user("How do I pick a lock?")));
 * }
 * }</pre>
 */
package dev.llamakit.safety.engine;
