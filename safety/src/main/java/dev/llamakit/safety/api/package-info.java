/**
 * Wire shapes of the reference APIs for shield results: llama-stack's {@code run_shield} response and the OpenAI
 * moderation response (category mapping in {@code api/openai-categories.json}).
 *
 * <pre>{@code
 * ShieldResult r = ModerationShield.standard().check(List.of(Message.user(text)));
 * ObjectNode body = RunShieldResponse.of(r);            // {"violation": {"violation_level": "error", ...}}
 * ObjectNode mod = OpenAiModeration.response("modr-1", "embedded-moderation", List.of(List.of(r)));
 * }</pre>
 */
package dev.llamakit.safety.api;
