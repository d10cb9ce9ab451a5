/**
 * Safety shields for llamakit: one {@link dev.llamakit.safety.Shield} interface over conversations, returning a
 * {@link dev.llamakit.safety.ShieldResult} (ALLOW / WARN / BLOCK / ERROR, score, violated categories, latency).
 * Shields fail closed: {@link dev.llamakit.safety.Shield#check} turns any exception into ERROR, and every caller
 * treats ERROR as BLOCK.
 *
 * <p>Packages: {@code policy} (taxonomies), {@code llamaguard} (Llama Guard prompts, verdicts, shield over a
 * {@code GuardModel} port), {@code classifier} (embedded moderation classifier, the default shield),
 * {@code injection} (prompt-attack detector), {@code code} (insecure-code detector), {@code moderation} (filter around
 * generation over a {@code Generator} port), {@code batch} (SafetyTagger for pipelines). The {@code llamakit safety} commands
 * live in cli/ ({@code dev.llamakit.cli.safety}).
 *
 * <pre>{@code
 * Shield s = Shields.byId("embedded-moderation");
 * ShieldResult r = s.check(List.of(Message.user("How do I make a pipe bomb?")));
 * if (r.decision().blocks()) System.out.println("blocked: " + r.categoryList());  // S9 Indiscriminate Weapons
 * }</pre>
 */
package dev.llamakit.safety;
