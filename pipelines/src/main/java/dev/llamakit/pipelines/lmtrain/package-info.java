/**
 * Training n-gram language models in pure Java as KenLM's {@code lmplz} does: interpolated modified Kneser-Ney with
 * lmplz's adjusted counts, discounts (and {@code --discount_fallback}), {@code <s>}/{@code </s>}/{@code <unk>}
 * handling, written as the same ARPA text (no pruning).
 *
 * <pre>{@code
 * List<String> lines = Files.readAllLines(Path.of("train.sp.txt"));          // words separated by spaces
 * EstimatedModel lm = new KneserNeyEstimator(5)
 *     .withDiscountFallback(Discount.LMPLZ_FALLBACK)                          // lmplz --discount_fallback
 *     .estimate(lines);
 * ArpaWriter.write(lm, Path.of("lm.arpa"));                                   // lmplz -o 5 ... > lm.arpa
 * }</pre>
 *
 * <p>Against the ARPA files the real lmplz (kpu/kenlm 4cb443e6, glibc 2.36) wrote, every n-gram and every value is
 * the same to within one float ulp (max |delta log10| 2.4e-7); the printed text differs on 0.3% of the lines of the
 * WikiText-2 5-gram (more on a tiny corpus where one affected value repeats),
 * all from the last bit of {@code log10f}. With {@link KneserNeyEstimator#withCLibraryLog10} the platform's own
 * {@code log10f} is called (FFM) and the ARPA is byte-identical to lmplz's, e.g. cc_net's WikiText-2 5-gram.
 */
package dev.llamakit.pipelines.lmtrain;
