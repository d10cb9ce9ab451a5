package dev.llamakit.pipelines.sentencepiece;

/** The segmentation algorithm of a model ({@code TrainerSpec.model_type}); WORD and CHAR models are not supported. */
public enum ModelType {
  /** Unigram language model: Viterbi over all vocabulary pieces (SentencePiece's default). */
  UNIGRAM,
  /** Byte-pair encoding: repeatedly merge the adjacent pair whose merged piece scores highest. */
  BPE
}
