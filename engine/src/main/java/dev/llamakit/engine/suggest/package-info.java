/**
 * "Did you mean ...?" for unknown names: every registry of llamakit (recipe steps and parameters, presets, eval tasks,
 * shields, commands) suggests near names the same way, with {@link dev.llamakit.engine.suggest.Suggestions}.
 *
 * <pre>{@code
 * String hint = Suggestions.didYouMean("min_len", List.of("min_length", "max_length"));
 * // " (did you mean 'min_length'?)"
 * }</pre>
 */
package dev.llamakit.engine.suggest;
