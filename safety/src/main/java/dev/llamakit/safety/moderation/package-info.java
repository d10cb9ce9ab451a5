/**
 * The moderation filter around generation: input shields per role, generation through the
 * {@link dev.llamakit.safety.moderation.Generator} port (the engine implements it), output shields on windows of
 * the streamed reply (generation is cancelled on the first unsafe window; text is released only once its window
 * passed), and an answer or a refusal naming the categories. ERROR always blocks.
 *
 * <pre>{@code
 * ModerationFilter f = new ModerationFilter(engineGenerator, ModerationFilter.Config.defaults());
 * ModerationOutcome o = f.respond(List.of(Message.user(question)), System.out::print);
 * if (!o.allowed()) System.out.println(o.text());   // "I can't help with that. It was flagged for: S9 ..."
 * }</pre>
 */
package dev.llamakit.safety.moderation;
