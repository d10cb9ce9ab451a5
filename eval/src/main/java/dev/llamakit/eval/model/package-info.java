/**
 * The model contract of the harness: lm-evaluation-harness's three calls ({@code loglikelihood},
 * {@code loglikelihoodRolling}, {@code generateUntil}) behind {@link dev.llamakit.eval.model.LanguageModel}, and the
 * {@link dev.llamakit.eval.model.ModelProvider} factory the engine plugs in through {@link java.util.ServiceLoader}.
 *
 * <p>Log-likelihood requests are grouped by context so an implementation computes the shared prefix once:
 * <pre>{@code
 * var ctx = ContextSplit.of(prompt, "");            // trailing spaces move to the continuation
 * var req = new LoglikelihoodRequest(ctx.context(), List.of(" A", " B", " C", " D"));
 * List<Loglikelihood> lls = model.loglikelihood(List.of(req)).getFirst();
 * String text = model.generateUntil(List.of(
 *     new GenerationRequest(prompt, List.of("Q:"), 256, 0.0, 1.0, 0))).getFirst();
 * }</pre>
 */
package dev.llamakit.eval.model;
