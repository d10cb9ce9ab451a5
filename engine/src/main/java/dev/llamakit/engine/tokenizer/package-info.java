/**
 * Tokenizers for Llama models: text to token ids and back, identical to llama.cpp (commit c392e509) for the same
 * vocabulary.
 *
 * <p><b>Which tokenizer.</b> {@link dev.llamakit.engine.tokenizer.Tokenizer#fromGguf} reads
 * {@code tokenizer.ggml.model}: {@code llama} is Llama 2's SentencePiece vocabulary
 * ({@link dev.llamakit.engine.tokenizer.SpmTokenizer}), {@code gpt2} with {@code tokenizer.ggml.pre = llama-bpe} is
 * Llama 3's byte-level BPE ({@link dev.llamakit.engine.tokenizer.BpeTokenizer}). llama2.c checkpoints come with their
 * own {@code tokenizer.bin} ({@link dev.llamakit.engine.tokenizer.Llama2cTokenizer}).
 *
 * <p><b>How a text is tokenized.</b>
 * <ol>
 *   <li>{@code SpecialTokenSplitter} cuts the text at special-token pieces (longest first). Control tokens such as
 *       {@code <|eot_id|>} or {@code <s>} count only when {@code parseSpecial} is set: chat templates need it, raw
 *       user text must not get it (otherwise a user can type an end-of-turn).</li>
 *   <li>SPM: spaces become {@code ▁}, a space is prepended to each text fragment that starts the text or follows a
 *       special token, then adjacent symbols merge by the highest piece score (a priority queue); characters without a
 *       piece become {@code <0xXX>} byte tokens.</li>
 *   <li>BPE: the Llama 3 regex splits words; each word's UTF-8 bytes are spelled in GPT-2's byte-to-unicode alphabet
 *       ({@code Ġ} = space), a word that is a piece is taken whole, otherwise symbols merge by the lowest merge rank.
 *       Words are cached (LRU), so repeated prompts cost little.</li>
 *   <li>BOS is added when {@code addSpecial} is set and the vocabulary's {@code add_bos_token} says so.</li>
 * </ol>
 *
 * <p><b>Decoding</b> follows {@code llama_detokenize}: with {@code removeSpecial} a leading BOS is dropped; SPM strips
 * the leading space of the first piece only when no BOS was dropped (so {@code [BOS, ▁Hello]} decodes to
 * {@code " Hello"}); Llama 3 applies {@code clean_spaces} ({@code "a !"} → {@code "a!"}). For streaming, feed ids to a
 * {@link dev.llamakit.engine.tokenizer.StreamingDecoder}, which holds back split UTF-8 characters.
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizer.fromGguf(Path.of("llama3.gguf"));        // a vocab-only GGUF is enough
 * int[] ids = tok.encode("Hello world", true, false);                // [128000, 9906, 1917]
 * String text = tok.decode(ids);                                      // "Hello world"
 * int[] chat = tok.encode("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>", true, true);
 * StreamingDecoder out = new StreamingDecoder(tok);
 * for (int id : generated) System.out.print(out.accept(id));
 * }</pre>
 *
 * <p>The golden tests ({@code TokenizerGoldenTest}) compare all 2,600 llama.cpp records of
 * {@code ../shared/golden/tokenizer} (ids and both detokenizations) and llama.cpp's own test vectors.
 */
package dev.llamakit.engine.tokenizer;
