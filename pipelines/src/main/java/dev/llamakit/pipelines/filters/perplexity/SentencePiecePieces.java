package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.sentencepiece.SentencePieceModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * cc_net's tokenizer: a SentencePiece model, pieces exactly as {@link SentencePieceModel#encodeAsPieces} (and
 * Python's {@code sp.encode_as_pieces}) give them. {@link CcNetPerplexity} scores it on a fused fast path.
 *
 * @param source the file the model was loaded from, or null for a model given in memory
 */
public record SentencePiecePieces(SentencePieceModel model, Path source) implements PieceTokenizer {

  public static SentencePiecePieces open(Path file) throws IOException {
    return new SentencePiecePieces(SentencePieceModel.load(file), file);
  }

  @Override
  public List<String> pieces(String normalized) {
    return model.encodeAsPieces(normalized);
  }
}
