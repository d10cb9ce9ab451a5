package dev.llamakit.eval.model;

import dev.llamakit.engine.chat.Message;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A language model as the harness sees it: lm-evaluation-harness's three calls, plus an identity for result keys.
 *
 * <p>Semantics every implementation must keep (the engine adapter included):
 * <ul>
 *   <li>{@link #loglikelihood}: for each {@link LoglikelihoodRequest} (one context, several continuations) return,
 *       per continuation, the sum of log-probabilities (natural log) of the continuation's tokens given the context,
 *       and whether every continuation token is the argmax at its position ({@code isGreedy}). The harness has already
 *       moved trailing whitespace of the context into the continuations ({@link ContextSplit}); tokenize as lm-eval's
 *       {@code _encode_pair} does: encode {@code context + continuation} as a whole (with the model's BOS policy),
 *       encode {@code context} alone, and score the tail tokens of the whole beyond the context's length. An empty
 *       context is scored from the BOS token alone. Grouping continuations per context lets an implementation run the
 *       shared prefix once (MMLU's four single-token answers cost one forward pass).</li>
 *   <li>{@link #loglikelihoodRolling}: the total log-probability of each text, scored token by token from BOS (for
 *       perplexity tasks), windowed over the context length when the text is longer.</li>
 *   <li>{@link #generateUntil}: continue each context (raw text, no chat template) for at most {@code maxTokens} new
 *       tokens; stop at the end-of-sequence token or as soon as the decoded text contains one of {@code until}, and
 *       return the text <em>before</em> the earliest stop string (the stop string itself excluded). Temperature 0 means
 *       greedy; otherwise sample with {@code temperature}/{@code topP} from a generator seeded by {@code seed}, so a
 *       request repeated with the same seed gives the same text.</li>
 * </ul>
 * Results come back in request order, one per request (one per continuation for log-likelihoods). Implementations may
 * batch or reorder internally. The harness calls from one thread.
 */
public interface LanguageModel extends AutoCloseable {

  /** Name and file hash; part of every result key, so a resumed run never mixes two models. */
  ModelIdentity identity();

  /** Log-likelihood of each continuation of each context: {@code result.get(i).get(j)} answers request i, continuation j. */
  List<List<Loglikelihood>> loglikelihood(List<LoglikelihoodRequest> requests);

  /** Total log-probability of each whole text, from BOS. */
  List<Double> loglikelihoodRolling(List<String> texts);

  /** Generated text of each request, cut before the first stop string. */
  List<String> generateUntil(List<GenerationRequest> requests);

  /**
   * Which requests of the most recent {@link #loglikelihood} or {@link #generateUntil} call had their prompt cut
   * (left-truncated, lm-eval's rule) to fit the context window: bit i for request i. Empty when the backend cannot
   * tell, e.g. a server that tokenizes itself; the default.
   */
  default Optional<BitSet> truncatedInLastCall() {
    return Optional.empty();
  }

  /**
   * lm-eval's {@code apply_chat_template}: renders {@code messages} with the model's chat template, ending with an
   * open assistant turn, into the prompt text its requests then carry ({@code --apply-chat-template}). A backend that
   * renders must from then on tokenize prompts with the template's special-token text parsed into those tokens. The
   * default has no template and refuses.
   *
   * @throws IllegalStateException naming why this backend cannot render a chat template
   */
  default String applyChatTemplate(List<Message> messages) {
    throw new IllegalStateException("this model backend has no chat template (--apply-chat-template)");
  }

  /** lm-eval's {@code config.model} of results.json: the backend's name; {@code llamakit} for the engine. */
  default String backend() {
    return "llamakit";
  }

  /** lm-eval's {@code config.model_args} of results.json: how the model was opened. */
  default String modelArgs() {
    return "file=" + identity().name();
  }

  /** Releases the model; the default does nothing. */
  @Override
  default void close() {}
}
