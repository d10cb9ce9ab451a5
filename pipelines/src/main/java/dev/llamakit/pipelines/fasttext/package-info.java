/**
 * fastText inference in pure Java: supervised {@code .bin} and quantized {@code .ftz} classifiers predict the
 * labels and log-probabilities that JFastText's native fastText (the August 2018 fastText it embeds) predicts, float
 * for float, several times faster and without JNI.
 *
 * <p>What it reproduces, in fastText's order: the file (magic, version 12, the arguments, the dictionary with its
 * pruning map, the input matrix dense or product-quantized with optional norms, the output matrix dense or quantized
 * with {@code qout}); the tokens of the first line (split at space, tab, line feed, VT, FF, CR and NUL, {@code </s>}
 * at the line feed); each word's id and its char n-grams (FNV-1a of {@code <word>} over sign-extended bytes, minn..maxn
 * UTF-8 characters, mod bucket, through the pruning map); word n-grams (wordNgrams &gt; 1); the hidden vector as the
 * float sum of the rows in that order times {@code float(1/n)}; then hierarchical softmax (the Huffman tree of the
 * label counts, depth-first with threshold pruning), softmax (also for ns, as fastText 2018 predicts) or one-vs-all
 * sigmoids (fastText 0.9), the score {@code log(p + 1e-5)} and the k best through libstdc++'s heap so ties resolve
 * alike. A quantized matrix is decoded to floats at load, keeping fastText's products.
 *
 * <pre>{@code
 * FastTextModel lid = FastTextModel.load(Path.of("lid.176.ftz"));
 * FastTextModel.Prediction p = lid.predictTop("Bonjour tout le monde");  // ("__label__fr", logProb)
 * float probability = p.probability();
 * List<FastTextModel.Prediction> top3 = lid.predict(text, 3, 0f);        // best first
 * }</pre>
 *
 * <p>A loaded model is immutable and thread-safe. JFastText stays the reference in the tests and the trainer
 * elsewhere in the project.
 */
package dev.llamakit.pipelines.fasttext;
