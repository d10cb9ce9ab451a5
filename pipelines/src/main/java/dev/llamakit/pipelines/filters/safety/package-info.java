/**
 * The safety module's embedded moderation classifier as a corpus rule: tags English documents with
 * {@code safety_score, safety_category} (Llama Guard 3 codes) and, with a threshold, drops unsafe ones.
 *
 * <pre>{@code
 * - safety: {threshold: 0.9}                             # UNSAFE_CONTENT; without threshold: tag only
 * }</pre>
 */
package dev.llamakit.pipelines.filters.safety;
