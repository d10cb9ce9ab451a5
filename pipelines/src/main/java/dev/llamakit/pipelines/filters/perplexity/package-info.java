/**
 * cc_net's quality half, exactly: the {@code perplexity} rule ({@link
 * dev.llamakit.pipelines.filters.perplexity.CcNetPerplexity}: cc_net's {@code normalize}, SentencePiece pieces,
 * KenLM's float32 sentence score with {@code <s>}/{@code </s>}, {@code 10^(-log10/length)} rounded as Python rounds)
 * and the {@code bucket} rule (cc_net's {@code PerplexityBucket} over a {@link
 * dev.llamakit.pipelines.filters.perplexity.Cutoffs} table: head below p30, middle below p60, else tail; {@code all}
 * without a model). Models come as cc_net's {@code lm_sp/} folder ({@code <lang>.sp.model} + {@code <lang>.arpa.bin}
 * or an ARPA), or the {@link dev.llamakit.pipelines.filters.perplexity.BundledModels bundled} English demo model.
 * Proven on the goldens made with the real SentencePiece and KenLM ({@code ../shared/golden/kenlm}).
 *
 * <pre>{@code
 * - perplexity: {models: /data/cc_net/lm_sp}            # adds perplexity; languages without a model: none
 * - bucket: {cutoffs: ccnet, keep: [head, middle]}       # adds bucket; BUCKET_NOT_KEPT for tail and all
 * - write: {layout: language_bucket}                     # OUT/en_head/, OUT/en_middle/
 *
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("en.sp.model"), Path.of("en.arpa.bin"))) {
 *   Double perplexity = pp.score(rawContent).perplexity();
 * }
 * }</pre>
 */
package dev.llamakit.pipelines.filters.perplexity;
