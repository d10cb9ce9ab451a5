package dev.llamakit.pipelines.kenlm;

import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.U32;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.U64;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.VOCAB_ENTRY;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * KenLM's probing vocabulary read in place from a mapped binary file: the hash table of word hashes, and the word
 * strings stored after the scoring data (their offsets are indexed once at load time).
 */
final class MappedVocabulary implements Vocabulary {
  private final MemorySegment segment;
  private final long table;
  private final long buckets;
  private final int bound;
  private final long[] wordOffsets;
  private final Path file;

  MappedVocabulary(Path file, MemorySegment segment, KenLmBinaryLayout layout) throws LanguageModelFormatException {
    this.segment = segment;
    this.table = layout.vocabTable;
    this.buckets = layout.vocabBuckets;
    this.bound = layout.vocabularyBound(segment);
    checkTable(file);
    this.file = file;
    this.wordOffsets = layout.hasVocabulary ? indexWords(file, segment, layout.wordsOffset, bound) : null;
  }

  /**
   * One pass over the hash table (12 bytes per word, small beside the n-gram tables): every word index in range, and
   * an empty bucket somewhere, so lookups of unknown words end. A damaged table fails here, not while scoring.
   */
  private void checkTable(Path file) throws LanguageModelFormatException {
    boolean empty = false;
    for (long i = 0; i < buckets; i++) {
      long at = table + i * VOCAB_ENTRY;
      if (segment.get(U64, at) == 0) {
        empty = true;
        continue;
      }
      int index = segment.get(U32, at + 8);
      if (index < 0 || index >= bound) {
        throw LanguageModelFormatException.inBinary(file, "vocabulary bucket " + i + " (byte " + at + ") holds word "
            + "index " + Integer.toUnsignedString(index) + ", outside [0, " + bound + "): the table is damaged");
      }
    }
    if (!empty) {
      throw LanguageModelFormatException.inBinary(file, "the vocabulary hash table (byte " + table + ") has no empty "
          + "bucket: the table is damaged");
    }
  }

  private static long[] indexWords(Path file, MemorySegment s, long at, int bound) throws LanguageModelFormatException {
    long size = s.byteSize();
    byte[] unk = {'<', 'u', 'n', 'k', '>', 0};
    for (int i = 0; i < unk.length; i++) {
      if (at + i >= size || s.get(ValueLayout.JAVA_BYTE, at + i) != unk[i]) {
        throw LanguageModelFormatException.inBinary(file, "the vocabulary words (from byte " + at + ") do not start "
            + "with \"<unk>\\0\"" + (at + i >= size ? ": the file is truncated" : ""));
      }
    }
    long[] offsets = new long[bound + 1];
    long p = at;
    for (int w = 0; w < bound; w++) {
      offsets[w] = p;
      while (p < size && s.get(ValueLayout.JAVA_BYTE, p) != 0) {
        p++;
      }
      if (p >= size) {
        throw LanguageModelFormatException.inBinary(file, "truncated: the vocabulary words end after " + w + " of "
            + bound + " words (byte " + size + ")");
      }
      p++;
    }
    offsets[bound] = p;
    return offsets;
  }

  @Override
  public int bound() {
    return bound;
  }

  @Override
  public int index(byte[] utf8, int off, int len) {
    long h = NgramHash.word(utf8, off, len);
    long i = Long.remainderUnsigned(h, buckets);
    while (true) {
      long at = table + i * VOCAB_ENTRY;
      long key = segment.get(U64, at);
      if (key == h) {
        return segment.get(U32, at + 8);
      }
      if (key == 0) {
        return 0;
      }
      if (++i == buckets) {
        i = 0;
      }
    }
  }

  @Override
  public String word(int index) {
    if (wordOffsets == null) {
      throw new UnsupportedOperationException(file + ": this binary file was built without the vocabulary words");
    }
    long from = wordOffsets[index];
    byte[] b = new byte[(int) (wordOffsets[index + 1] - from - 1)];
    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, from, b, 0, b.length);
    return new String(b, StandardCharsets.UTF_8);
  }
}
