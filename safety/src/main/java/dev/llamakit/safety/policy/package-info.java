/**
 * Unsafe-content taxonomies as resource files: Llama Guard 1 (O1-O6 with the policy text), Llama Guard 2 (S1-S11),
 * Llama Guard 3 (S1-S14; {@code lg3-1b} without S14) and Prompt Guard's attack labels. Categories carry a stable id
 * that survives edits; codes are what prompts and verdicts use.
 *
 * <pre>{@code
 * Taxonomy t = Taxonomy.lg3()
 *     .without(List.of("S5", "S13"))                          // keeps S6.. codes (llama-stack style)
 *     .withCustom("offensive", "Offensive Language", "Insults and profanity.")   // next code: S15
 *     .renumbered();                                           // S1..S13, contiguous
 * t.byId("hate").orElseThrow().code();                         // "S9" after renumbering
 * }</pre>
 */
package dev.llamakit.safety.policy;
