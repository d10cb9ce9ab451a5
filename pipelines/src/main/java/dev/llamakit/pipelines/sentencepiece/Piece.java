package dev.llamakit.pipelines.sentencepiece;

/**
 * One vocabulary entry of a SentencePiece model.
 *
 * @param text the piece as it appears in encoded output, with {@code ▁} (U+2581) for a space
 * @param score its log probability (unigram) or merge priority (BPE); higher is preferred
 * @param type its type
 */
public record Piece(String text, float score, PieceType type) {}
