/**
 * KenLM n-gram language-model scoring in pure Java, bit-exact with KenLM (the perplexity step of cc_net: an order-5
 * model over SentencePiece pieces).
 *
 * <p>Two loaders, one scoring algorithm ({@code ProbingModel}, KenLM's {@code FullScore} in float32):
 * <ul>
 *   <li>{@link dev.llamakit.pipelines.kenlm.KenLmBinaryModel}: KenLM's default binary format ("probing", the output
 *       of {@code build_binary lm.arpa lm.binary}), memory-mapped with {@link java.lang.foreign} and probed in place;
 *       opens in milliseconds.</li>
 *   <li>{@link dev.llamakit.pipelines.kenlm.ArpaModel}: an ARPA file, plain or gzip, read strictly into primitive
 *       open-addressing tables (about a second for a 31 MB ARPA).</li>
 * </ul>
 * Both key n-grams the way KenLM's probing model does (MurmurHash64A of each word's UTF-8 bytes for the vocabulary, a
 * multiply-xor chain over word ids for n-grams) and keep its "extends left" and "has extension" flags in the sign bits
 * of the stored floats, so scores, matched n-gram lengths and word ids equal KenLM's.
 *
 * <pre>{@code
 * try (NgramModel lm = NgramModel.open(Path.of("en.arpa.bin"))) {     // or an .arpa / .arpa.gz
 *   String line = "▁the ▁cat ▁sat";                   // SentencePiece pieces joined by spaces
 *   float log10 = lm.score(line);                     // <s> ... </s>, like kenlm.Model.score(line)
 *   int length = KenLmWords.split(line).size() + 1;  // cc_net: perplexity = 10^(-log10 / length)
 *
 *   NgramState in = lm.newState(), out = lm.newState(); // streaming, per word
 *   lm.beginSentence(in);
 *   float p = lm.score(in, lm.index("▁the"), out);    // out.ngramLength(): matched n-gram; index 0 = OOV
 * }
 * }</pre>
 *
 * Models are immutable and may be shared by all scoring threads; each thread keeps its own {@link
 * dev.llamakit.pipelines.kenlm.NgramState}s. Malformed files fail with a {@link
 * dev.llamakit.pipelines.kenlm.LanguageModelFormatException} naming the file and the ARPA line or binary field.
 */
package dev.llamakit.pipelines.kenlm;
