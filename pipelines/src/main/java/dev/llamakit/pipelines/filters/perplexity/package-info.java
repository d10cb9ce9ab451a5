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
 * <p><b>Any GGUF vocabulary.</b> The tokenizer is a {@link dev.llamakit.pipelines.filters.perplexity.PieceTokenizer}:
 * cc_net's SentencePiece {@code .model} ({@link dev.llamakit.pipelines.filters.perplexity.SentencePiecePieces}, on a
 * fused fast path), or the tokenizer of a GGUF file ({@link dev.llamakit.pipelines.filters.perplexity.GgufPieces}: a
 * vocab-only or full model GGUF, Llama 2's SentencePiece or Llama 3's byte-level BPE vocabulary as llama.cpp
 * tokenizes, no BOS/EOS, special tokens not parsed), whose tokens' piece texts ({@code ▁the}, {@code Ġthe},
 * {@code <0x0A>}) are the n-gram words; a piece with whitespace in it (none in Llama 2 or 3) has it replaced by
 * {@code ▁}. {@code length} stays cc_net's: pieces + 1. Train the n-gram model on the same tokenizer with
 * {@code llamakit pipeline train-lm --gguf FILE}, which writes {@code <lang>.gguf} (a copy, or with {@code --link} a
 * symbolic link) beside {@code <lang>.arpa.gz}; the {@code perplexity} step takes {@code <lang>.gguf} in place of
 * {@code <lang>.sp.model} (both for one language is an error). The numbers are comparable only between models trained
 * on the same tokenizer; cc_net's cutoff table is for its own SentencePiece models, so make a table for yours
 * ({@code llamakit pipeline cutoffs}).
 *
 * <pre>{@code
 * - perplexity: {models: /data/cc_net/lm_sp}            # adds perplexity; languages without a model: none
 * - bucket: {cutoffs: ccnet, keep: [head, middle]}       # adds bucket; BUCKET_NOT_KEPT for tail and all
 * - write: {layout: language_bucket}                     # OUT/en_head/, OUT/en_middle/
 *
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("en.sp.model"), Path.of("en.arpa.bin"))) {
 *   Double perplexity = pp.score(rawContent).perplexity();
 * }
 *
 * // llamakit pipeline train-lm --language en --gguf ggml-vocab-llama-bpe.gguf --order 5 -o lm_gguf wiki-en.txt
 * - perplexity: {models: lm_gguf}                        # en.gguf + en.arpa.gz
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("lm_gguf/en.gguf"), Path.of("lm_gguf/en.arpa.gz"))) { … }
 * }</pre>
 */
package dev.llamakit.pipelines.filters.perplexity;
