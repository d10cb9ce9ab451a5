/**
 * The moderation filter in line with the server: {@link dev.llamakit.serve.moderation.InlineModeration} runs the
 * safety module's {@link dev.llamakit.safety.moderation.ModerationFilter} around each generation (input shields,
 * output in windows, cancellation at the first unsafe window, fail closed), counts every decision and writes the
 * {@link dev.llamakit.serve.moderation.AuditLog}; {@link dev.llamakit.serve.moderation.Moderations} and
 * {@link dev.llamakit.serve.moderation.RunShield} expose the shields as OpenAI's and Llama Stack's APIs.
 *
 * <pre>{@code
 * InlineModeration m = new InlineModeration(ModerationConfig.defaults().build(Map.of()), audit, metrics);
 * InlineModeration.Reply r = m.generate(rid, "/v1/chat/completions", text, prompt, params, conv, sink);
 * if (r.refused()) ...   // r.text() is the refusal naming the categories
 * }</pre>
 */
package dev.llamakit.serve.moderation;
