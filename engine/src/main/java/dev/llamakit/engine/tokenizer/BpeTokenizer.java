package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.gguf.GgufMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The byte-level BPE tokenizer of Llama 3 GGUF vocabularies ({@code tokenizer.ggml.model = gpt2},
 * {@code tokenizer.ggml.pre = llama-bpe}), equal to llama.cpp's {@code llm_tokenizer_bpe_session}.
 *
 * <p>Text is split by the {@link Llama3PreTokenizer Llama 3 regex}; each word's UTF-8 bytes are spelled in GPT-2's
 * {@link ByteUnicodeMap byte-to-unicode} form; a word that is itself a piece is taken whole ({@code ignore_merges});
 * otherwise adjacent symbols are merged, lowest merge rank first (leftmost on ties). Words' ids are kept in an LRU
 * cache.
 */
public final class BpeTokenizer extends VocabTokenizer {
  /** {@code tokenizer.ggml.pre} values that llama.cpp maps to its Llama 3 pre-tokenizer. */
  public static final Set<String> LLAMA3_PRE = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3");
  private static final int CACHE_WORDS = 1 << 16;

  private final MergeTable merges;
  private final boolean ignoreMerges;
  private final int[] charIds = new int[0x144];
  private final WordCache cache = new WordCache(CACHE_WORDS);

  public BpeTokenizer(Vocabulary vocab, String[] merges, boolean ignoreMerges) {
    super(vocab, false, true);
    this.merges = new MergeTable(merges, vocab);
    this.ignoreMerges = ignoreMerges;
    for (int c = 0; c < charIds.length; c++) {
      charIds[c] = vocab.idOf(String.valueOf((char) c));
    }
  }

  /** Builds the tokenizer from GGUF metadata; only Llama 3 pre-tokenizers are supported. */
  public static BpeTokenizer fromGguf(GgufMetadata md) {
    String pre = md.findString("tokenizer.ggml.pre").orElse("(absent)");
    if (!LLAMA3_PRE.contains(pre)) {
      throw new TokenizerException("tokenizer.ggml.pre = \"" + pre + "\" is not supported for tokenizer.ggml.model = "
          + "\"gpt2\" (supported: the Llama 3 pre-tokenizer, " + String.join(", ", LLAMA3_PRE.stream().sorted().toList())
          + ")");
    }
    Vocabulary vocab = Vocabulary.fromGguf(md, 11, 11, true);
    return new BpeTokenizer(vocab, md.getStringArray("tokenizer.ggml.merges"), true);
  }

  @Override
  protected byte[] renderPiece(int id, int type) {
    if (type != TokenType.NORMAL) {
      return new byte[0];
    }
    String piece = vocab.piece(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length());
    for (int i = 0; i < piece.length(); ) {
      int cp = piece.codePointAt(i);
      int n = Character.charCount(cp);
      int b = ByteUnicodeMap.toByte(cp);
      if (b >= 0) {
        out.write(b);
      } else {
        StringBuilder unk = new StringBuilder("[UNK_BYTE_0x");
        for (byte u : piece.substring(i, i + n).getBytes(StandardCharsets.UTF_8)) {
          unk.append(String.format("%02x", u & 0xFF));
        }
        unk.append(piece).append(']');
        out.writeBytes(unk.toString().getBytes(StandardCharsets.UTF_8));
      }
      i += n;
    }
    return out.toByteArray();
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    IntList out = new IntList(text.length() / 3 + 4);
    if (addSpecial && vocab.addBos()) {
      out.add(vocab.bos());
    }
    for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
      switch (f) {
        case SpecialTokenSplitter.Text t -> {
          for (String word : Llama3PreTokenizer.split(t.source(), t.start(), t.end())) {
            int[] ids = cache.get(word);
            if (ids == null) {
              ids = encodeWord(word);
              cache.put(word, ids);
            }
            out.addAll(ids);
          }
        }
        case SpecialTokenSplitter.Special(int id) -> out.add(id);
      }
    }
    if (addSpecial && vocab.addEos()) {
      out.add(vocab.eos());
    }
    return out.toArray();
  }

  /** Encodes one pre-tokenized word (no cache). */
  int[] encodeWord(String word) {
    String mapped = ByteUnicodeMap.encode(word.getBytes(StandardCharsets.UTF_8));
    if (ignoreMerges) {
      int whole = vocab.idOf(mapped);
      if (whole >= 0) {
        return new int[] {whole};
      }
    }
    int n = mapped.length();
    int[] len = new int[n];
    int[] ids = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      len[i] = 1;
      ids[i] = charIds[mapped.charAt(i)];
      prev[i] = i - 1;
      next[i] = i + 1 == n ? -1 : i + 1;
    }
    BigramQueue queue = new BigramQueue(n * 2);
    for (int i = 1; i < n; i++) {
      addBigram(mapped, len, ids, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      queue.pop();
      int left = BigramQueue.left(queue.key);
      int right = queue.right;
      if (len[left] == 0 || len[right] == 0 || len[left] + len[right] != queue.size) {
        continue;
      }
      len[left] += len[right];
      len[right] = 0;
      ids[left] = merges.result((int) (queue.key >>> 32));
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      addBigram(mapped, len, ids, prev[left], left, queue);
      addBigram(mapped, len, ids, left, next[left], queue);
    }
    IntList out = new IntList(n);
    for (int i = 0; i != -1 && n > 0; i = next[i]) {
      if (ids[i] >= 0) {
        out.add(ids[i]);
      } else {
        // llama.cpp looks each byte up as a one-byte piece and drops the bytes that are none.
        for (int k = i; k < i + len[i]; k++) {
          char c = mapped.charAt(k);
          int id = c < 0x80 ? vocab.idOf(String.valueOf(c)) : -1;
          if (id >= 0) {
            out.add(id);
          }
        }
      }
    }
    return out.toArray();
  }

  private void addBigram(String mapped, int[] len, int[] ids, int left, int right, BigramQueue queue) {
    if (left == -1 || right == -1) {
      return;
    }
    int rank = ids[left] >= 0 && ids[right] >= 0
        ? merges.rank(ids[left], ids[right])
        : merges.rank(mapped.substring(left, left + len[left]), mapped.substring(right, right + len[right]));
    if (rank >= 0) {
      queue.push(BigramQueue.key(rank, left), right, len[left] + len[right]);
    }
  }
}
