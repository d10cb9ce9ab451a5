package dev.llamakit.pipelines.kenlm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A KenLM-exact {@link NgramModel} over KenLM's default binary format ("probing hash tables", as written by
 * {@code build_binary lm.arpa lm.binary}), memory-mapped read-only through {@link java.lang.foreign}: the hash tables
 * are probed in the file's pages, nothing is copied onto the heap. The file is checked before use (magic and format
 * version, sanity values for layout and byte order, model type, sizes); trie, quantized and rest-cost files, files
 * from big-endian machines and truncated files are rejected with a {@link LanguageModelFormatException}.
 *
 * <p>Thread-safe; {@link #close()} unmaps the file, after which scoring throws {@link IllegalStateException}.
 */
public final class KenLmBinaryModel extends ProbingModel {
  private final Arena arena;
  private final long[] counts;

  private KenLmBinaryModel(Arena arena, MappedProbingTables tables, MappedVocabulary vocabulary, long[] counts) {
    super(tables, vocabulary);
    this.arena = arena;
    this.counts = counts;
  }

  /** Maps and checks {@code file}. */
  public static KenLmBinaryModel open(Path file) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      KenLmBinaryLayout layout = KenLmBinaryLayout.read(file, s);
      MappedVocabulary vocabulary = new MappedVocabulary(file, s, layout);
      return new KenLmBinaryModel(arena, new MappedProbingTables(s, layout), vocabulary, layout.counts);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** True when {@code file} starts with KenLM's binary magic (whatever its version or validity). */
  public static boolean looksBinary(Path file) throws IOException {
    byte[] want = KenLmBinaryLayout.MAGIC_PREFIX.getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(want.length), want);
    }
  }

  /** The n-gram counts of the header, per order. */
  public long[] counts() {
    return counts.clone();
  }

  /** Unmaps the file (idempotent). */
  @Override
  public synchronized void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }
}
