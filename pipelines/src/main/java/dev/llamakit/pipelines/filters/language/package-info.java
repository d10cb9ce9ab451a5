/**
 * cc_net's language identification as a rule: fastText lid.176 on the text with line breaks removed, the score
 * rounded as numpy's {@code round(2)}, the {@code language, language_score} fields. The model file is resolved on the
 * driver (a path, or a model-cache name fetched once) and loaded once per worker.
 *
 * <pre>{@code
 * - language: {threshold: 0.5, languages: [en, fr]}    # LANGUAGE_SCORE_TOO_LOW / LANGUAGE_NOT_SELECTED
 * }</pre>
 */
package dev.llamakit.pipelines.filters.language;
