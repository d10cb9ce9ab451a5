package dev.llamakit.safety.llamaguard;

import java.util.List;

/**
 * The port through which {@link LlamaGuardShield} runs a Llama Guard model; the engine implements it.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li><b>Tokenization.</b> {@code prompt} is raw text in which special-token text ({@code <|begin_of_text|>},
 *       {@code <|start_header_id|>}, {@code <|end_header_id|>}, {@code <|eot_id|>}) must be parsed as the special
 *       tokens; a BOS token is prepended only when {@code addBos} is true (Llama Guard 1/2 prompts carry none; LG3
 *       prompts already start with {@code <|begin_of_text|>}, so the shield passes false). This matches
 *       {@code canonical_ids} in {@code golden/chat/llama_guard.jsonl}.
 *   <li><b>{@link #nextTokenProbabilities}</b>: run the whole prompt, take the logits at the LAST prompt position,
 *       softmax over the FULL vocabulary (temperature 1, no top-k/top-p, no pruning), and return, for each entry of
 *       {@code tokenTexts}, the probability of the single vocabulary token whose decoded text equals it exactly
 *       (SentencePiece {@code "▁"} decodes to a space), or 0.0 when no single token has that text. The shield
 *       already appends the variant's {@code verdictPrefix} to the prompt: for Llama Guard 3 the prompt ends at
 *       {@code <|end_header_id|>} and the model's first generated token is {@code "\n\n"} (id 271), so the shield asks
 *       for the distribution at the position AFTER {@code "\n\n"}, i.e. it passes {@code prompt + "\n\n"} and the
 *       tokenizer must give {@code ..., 128007, 271}. P(unsafe) = p("unsafe" = 39257) there. For LG1/LG2 the verdict
 *       is the first generated token (prompt ends at {@code [/INST]}).
 *   <li><b>{@link #generate}</b>: greedy decoding (argmax, temperature 0) of at most {@code maxTokens} tokens after
 *       the prompt, stopping at EOS / {@code <|eot_id|>} / {@code <|end_of_text|>}; returns the decoded text WITHOUT
 *       the stop token (e.g. {@code "\n\nunsafe\nS1,S10"} for LG3).
 *   <li>Both calls must be safe to call from one thread at a time; they may throw on failure (the shield turns any
 *       exception into an ERROR result, i.e. blocks).
 * </ul>
 */
public interface GuardModel {
  /** An id for reports, e.g. {@code Llama-Guard-3-1B-Q8_0}. */
  String id();

  /** P(next token) for each single-token text, read at the last position of {@code prompt} (see class doc). */
  double[] nextTokenProbabilities(String prompt, boolean addBos, List<String> tokenTexts) throws Exception;

  /** Greedy generation after {@code prompt}, at most {@code maxTokens} tokens, stop token removed. */
  String generate(String prompt, boolean addBos, int maxTokens) throws Exception;
}
