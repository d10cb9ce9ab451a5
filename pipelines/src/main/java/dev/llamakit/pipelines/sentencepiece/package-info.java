/**
 * SentencePiece encoding in pure Java: reads a {@code .model} file (the {@code ModelProto} protobuf) and turns text
 * into the pieces and ids SentencePiece's {@code encode_as_pieces} / {@code encode_as_ids} give, bit for bit — proven
 * on cc_net's perplexity goldens (SentencePiece 0.1.97, unigram) and, against {@code spm_encode}, on Llama 2's BPE
 * {@code tokenizer.model} and small hand-made models.
 *
 * <pre>{@code
 * SentencePieceModel sp = SentencePieceModel.load(Path.of("en.sp.model"));   // once; thread-safe afterwards
 * String text = PerplexityNormalizer.normalize(doc.rawContent());           // cc_net: normalise first
 * List<String> pieces = sp.encodeAsPieces(text);    // [▁the, ▁cat, ▁sat, ...]
 * String tokenized = String.join(" ", pieces);      // cc_net's "tokenized" field, what KenLM scores
 * int[] ids = sp.encodeAsIds(text);                 // one id per piece; unknown runs are one <unk>
 * }</pre>
 *
 * <p>How it works: {@code ModelProtoReader} reads the wire format with protobuf-java's {@code CodedInputStream} (no
 * generated code); {@code Vocabulary} indexes the pieces in double-array tries ({@code ByteTrie});
 * {@code TextNormalizer} applies the model's precompiled charsmap ({@code CharsMap}, a Darts-clone trie, longest
 * match) and the whitespace rules ({@code ▁} escaping, dummy prefix, extra spaces removed); then
 * {@code UnigramEncoder} (Viterbi, unknown characters at {@code min score - 10}) or {@code BpeEncoder} (merges by piece
 * score) segments the normalised UTF-8 bytes; finally runs of unknown pieces are merged into one (or, with byte
 * fallback, spelled as {@code <0xXX>} pieces). Everything works on UTF-8 bytes as SentencePiece does, so scores, ties
 * and piece boundaries match. WORD and CHAR models are not supported; sampling and n-best encoding are not provided.
 */
package dev.llamakit.pipelines.sentencepiece;
