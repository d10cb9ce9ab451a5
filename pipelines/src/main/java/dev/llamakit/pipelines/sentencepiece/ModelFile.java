package dev.llamakit.pipelines.sentencepiece;

import java.util.List;

/**
 * The parts of a SentencePiece {@code ModelProto} the encoders need, as read from the file; no validation beyond the
 * wire format.
 *
 * @param pieces the vocabulary, in id order
 * @param trainer the trainer settings that affect encoding
 * @param normalizer the normaliser settings
 */
record ModelFile(List<Piece> pieces, Trainer trainer, Normalization normalizer) {

  /**
   * {@code TrainerSpec} fields (proto2 defaults where absent).
   *
   * @param modelType {@code model_type}: 1 unigram, 2 BPE, 3 word, 4 char
   * @param byteFallback {@code byte_fallback}
   * @param treatWhitespaceAsSuffix {@code treat_whitespace_as_suffix}: the dummy space goes at the end
   * @param unkId {@code unk_id}
   * @param bosId {@code bos_id}
   * @param eosId {@code eos_id}
   * @param padId {@code pad_id}
   */
  record Trainer(int modelType, boolean byteFallback, boolean treatWhitespaceAsSuffix, int unkId, int bosId, int eosId,
      int padId) {
    static final Trainer DEFAULT = new Trainer(1, false, false, 0, 1, 2, -1);
  }

  /**
   * {@code NormalizerSpec} fields (proto2 defaults where absent).
   *
   * @param name {@code name}, e.g. {@code nmt_nfkc}; informational
   * @param precompiledCharsmap {@code precompiled_charsmap}: empty for the identity normaliser
   * @param addDummyPrefix {@code add_dummy_prefix}
   * @param removeExtraWhitespaces {@code remove_extra_whitespaces}
   * @param escapeWhitespaces {@code escape_whitespaces}
   */
  record Normalization(String name, byte[] precompiledCharsmap, boolean addDummyPrefix, boolean removeExtraWhitespaces,
      boolean escapeWhitespaces) {
    static final Normalization DEFAULT = new Normalization("", new byte[0], true, true, true);
  }
}
