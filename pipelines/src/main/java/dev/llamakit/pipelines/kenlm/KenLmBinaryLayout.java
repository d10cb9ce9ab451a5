package dev.llamakit.pipelines.kenlm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads and checks the header of KenLM's binary format ({@code lm/binary_format.cc}) and works out where each part
 * of a probing model lies:
 *
 * <pre>
 * 0    magic "mmap lm http://kheafield.com/code format version 5\n" NUL-padded to 56 bytes
 * 56   float 0, 1, -0.5; uint32 1, 0xFFFFFFFF, 0; uint64 1     (sanity values: layout and byte order)
 * 88   uint8 order; float probing multiplier; int32 model type; uint8 has-vocabulary; uint32 search version
 * 108  uint64 count of n-grams, per order
 *      padding to a multiple of 8 = header size
 * vocabulary: uint32 version, uint32 bound; hash table of {uint64 MurmurHash64A(word), uint32 index} (12 bytes)
 * search: (count1 + 1) x {float prob, float backoff}; per middle order a table of {uint64 key, float prob,
 *         float backoff} (16 bytes); for the highest order a table of {uint64 key, float prob} (12 bytes)
 * then the words, NUL-terminated, in index order, starting with "&lt;unk&gt;"
 * </pre>
 *
 * Hash tables have {@code max(n + 1, (uint64) (multiplier * (float) n))} buckets and are probed linearly from
 * {@code key mod buckets}; key 0 is an empty bucket. Everything is little-endian as written on x86/ARM hosts.
 */
final class KenLmBinaryLayout {
  static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  static final String MAGIC_PREFIX = "mmap lm http://kheafield.com/code";
  private static final String MAGIC = MAGIC_PREFIX + " format version 5\n";
  private static final String MAGIC_INCOMPLETE = MAGIC_PREFIX + " incomplete\n";
  private static final int MAGIC_BYTES = 56;
  private static final int SANITY_BYTES = 88;
  private static final int FIXED_BYTES = 20;
  static final int VOCAB_ENTRY = 12;
  static final int MIDDLE_ENTRY = 16;
  static final int LONGEST_ENTRY = 12;
  static final int UNIGRAM_ENTRY = 8;
  private static final String[] MODEL_TYPES = {
    "probing hash tables", "probing hash tables with rest costs", "trie", "trie with quantization",
    "trie with array-compressed pointers", "trie with quantization and array-compressed pointers"
  };

  final int order;
  final float probingMultiplier;
  final boolean hasVocabulary;
  final long[] counts;
  final long headerBytes;
  final long vocabBuckets;
  final long vocabTable;
  final long unigrams;
  final long[] middleTables;
  final long[] middleBuckets;
  final long longestTable;
  final long longestBuckets;
  /** Offset of the vocabulary words, i.e. the end of the scoring data. */
  final long wordsOffset;

  private KenLmBinaryLayout(Path file, MemorySegment s) throws LanguageModelFormatException {
    long size = s.byteSize();
    checkMagicAndSanity(file, s);
    if (size < SANITY_BYTES + FIXED_BYTES) {
      throw truncated(file, size, SANITY_BYTES + FIXED_BYTES, "the fixed parameters");
    }
    order = Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, 88));
    probingMultiplier = s.get(F32, 92);
    int modelType = s.get(U32, 96);
    hasVocabulary = s.get(ValueLayout.JAVA_BYTE, 100) != 0;
    int searchVersion = s.get(U32, 104);
    if (modelType != 0) {
      String name = modelType > 0 && modelType < MODEL_TYPES.length ? MODEL_TYPES[modelType] : "unknown type " + modelType;
      throw LanguageModelFormatException.inBinary(file, "model type (byte 96) is " + modelType + " (" + name
          + "); only KenLM's default \"probing hash tables\" (type 0) is supported: rebuild with build_binary probing");
    }
    if (searchVersion != 0) {
      throw LanguageModelFormatException.inBinary(file, "search version (byte 104) is " + searchVersion
          + "; the probing layout read here is version 0");
    }
    if (order < 2) {
      throw LanguageModelFormatException.inBinary(file, "order (byte 88) is " + order + "; at least 2 is needed");
    }
    if (!(probingMultiplier >= 1.0f) || Float.isInfinite(probingMultiplier)) {
      throw LanguageModelFormatException.inBinary(file, "probing multiplier (byte 92) is " + probingMultiplier
          + "; KenLM requires a finite value >= 1.0");
    }
    headerBytes = align8(SANITY_BYTES + FIXED_BYTES + 8L * order);
    if (size < headerBytes) {
      throw truncated(file, size, headerBytes, "the n-gram counts");
    }
    counts = new long[order];
    for (int n = 0; n < order; n++) {
      counts[n] = s.get(U64, SANITY_BYTES + FIXED_BYTES + 8L * n);
      if (counts[n] < 1 || counts[n] > (1L << 40) || (n == 0 && counts[0] > Integer.MAX_VALUE - 2)) {
        throw LanguageModelFormatException.inBinary(file, "count of " + (n + 1) + "-grams (byte "
            + (SANITY_BYTES + FIXED_BYTES + 8 * n) + ") is " + Long.toUnsignedString(counts[n]) + ", not plausible");
      }
    }
    vocabBuckets = buckets(counts[0]);
    vocabTable = headerBytes + 8;
    unigrams = vocabTable + vocabBuckets * VOCAB_ENTRY;
    long at = unigrams + (counts[0] + 1) * UNIGRAM_ENTRY;
    middleTables = new long[order - 2];
    middleBuckets = new long[order - 2];
    for (int n = 2; n < order; n++) {
      middleTables[n - 2] = at;
      middleBuckets[n - 2] = buckets(counts[n - 1]);
      at += middleBuckets[n - 2] * MIDDLE_ENTRY;
    }
    longestTable = at;
    longestBuckets = buckets(counts[order - 1]);
    wordsOffset = at + longestBuckets * LONGEST_ENTRY;
    if (size < wordsOffset) {
      throw truncated(file, size, wordsOffset, "the hash tables for counts " + Arrays.toString(counts));
    }
    int vocabVersion = s.get(U32, headerBytes);
    if (vocabVersion != 0) {
      throw LanguageModelFormatException.inBinary(file, "probing vocabulary version (byte " + headerBytes + ") is "
          + vocabVersion + "; version 0 is supported");
    }
    int bound = s.get(U32, headerBytes + 4);
    if (bound < 1 || bound > counts[0] + 1) {
      throw LanguageModelFormatException.inBinary(file, "vocabulary bound (byte " + (headerBytes + 4) + ") is "
          + Integer.toUnsignedString(bound) + " but there are " + counts[0] + " 1-grams");
    }
  }

  /** Checks {@code s} is a complete KenLM binary file written with this layout and byte order. */
  static KenLmBinaryLayout read(Path file, MemorySegment s) throws LanguageModelFormatException {
    return new KenLmBinaryLayout(file, s);
  }

  int vocabularyBound(MemorySegment s) {
    return s.get(U32, headerBytes + 4);
  }

  long buckets(long entries) {
    return Math.max(entries + 1, (long) (probingMultiplier * (float) entries));
  }

  private static void checkMagicAndSanity(Path file, MemorySegment s) throws LanguageModelFormatException {
    long size = s.byteSize();
    String head = ascii(s, Math.min(size, MAGIC_BYTES));
    if (!head.startsWith(MAGIC_PREFIX)) {
      throw LanguageModelFormatException.inBinary(file, "not a KenLM binary file: the first bytes are not \""
          + MAGIC_PREFIX + "\"");
    }
    if (head.startsWith(MAGIC_INCOMPLETE)) {
      throw LanguageModelFormatException.inBinary(file, "this KenLM binary file did not finish building (magic says "
          + "\"incomplete\"); rerun build_binary");
    }
    if (!head.startsWith(MAGIC)) {
      throw LanguageModelFormatException.inBinary(file, "unsupported KenLM binary format version: the magic line is \""
          + head.strip() + "\" but version 5 is read here; rebuild it from the ARPA file");
    }
    if (size < SANITY_BYTES) {
      throw truncated(file, size, SANITY_BYTES, "the sanity-check values");
    }
    for (int i = MAGIC.length(); i < MAGIC_BYTES; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) != 0) {
        throw LanguageModelFormatException.inBinary(file, "magic padding (bytes " + MAGIC.length() + "-55) is not zero");
      }
    }
    boolean little = s.get(F32, 56) == 0f && s.get(F32, 60) == 1f && s.get(F32, 64) == -0.5f
        && s.get(U32, 68) == 1 && s.get(U32, 72) == -1 && s.get(U64, 80) == 1L;
    if (little) {
      return;
    }
    ValueLayout.OfFloat bigF = F32.withOrder(ByteOrder.BIG_ENDIAN);
    if (s.get(bigF, 60) == 1f && s.get(U32.withOrder(ByteOrder.BIG_ENDIAN), 68) == 1) {
      throw LanguageModelFormatException.inBinary(file, "the sanity values (bytes 56-87) are big-endian: this file was "
          + "built on a big-endian machine; rebuild it with build_binary on a little-endian one");
    }
    throw LanguageModelFormatException.inBinary(file, "the sanity values (bytes 56-87: floats 0, 1, -0.5, ints 1, "
        + "0xFFFFFFFF, 1) do not match: the file was built with a different compiler layout or architecture");
  }

  private static LanguageModelFormatException truncated(Path file, long size, long need, String what) {
    return LanguageModelFormatException.inBinary(file, "truncated: the file has " + size + " bytes but needs at least "
        + need + " to hold " + what);
  }

  private static String ascii(MemorySegment s, long n) {
    byte[] b = new byte[(int) n];
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, 0, b, 0, b.length);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static long align8(long a) {
    return ((a - 1) / 8 + 1) * 8;
  }
}
