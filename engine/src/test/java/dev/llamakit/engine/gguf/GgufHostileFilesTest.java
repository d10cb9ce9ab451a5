package dev.llamakit.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the GGUF failure classes of issue #17, each with a minimal reproducer built byte by byte: every
 * one is a {@link GgufFormatException} naming the file, the key or tensor, and the offending value, never an
 * {@code Error}, an {@code ArithmeticException} or an out-of-bounds read; and placements llama.cpp rejects are
 * rejected.
 */
class GgufHostileFilesTest {
  @TempDir Path dir;

  private String rejected(String name, byte[] bytes, String... expected) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(p).close());
    String m = e.getMessage();
    assertTrue(m.contains(p.toString()), m);
    for (String s : expected) {
      assertTrue(m.contains(s), "expected \"" + s + "\" in: " + m);
    }
    return m;
  }

  @Test
  void deeplyNestedArraysStopAtTheDepthBound() throws Exception {
    GgufBytes b = GgufBytes.header(0, 1).string("nest").i32(9);
    for (int i = 0; i < 100_000; i++) {
      b.i32(9).i64(1);
    }
    rejected("nested.gguf", b.bytes(), "nest", "nested 9 deep", "at most " + GgufFile.MAX_ARRAY_DEPTH);
  }

  @Test
  void arrayLengthIsCheckedBeforeAllocation() throws Exception {
    byte[] file = GgufBytes.header(0, 1).string("a").i32(9).i32(5).i64(1L << 29).bytes();
    assertEquals(49, file.length);
    rejected("array.gguf", file, "metadata array a", "declares 536870912 elements", "the 0 bytes left");
    rejected("array-max.gguf", GgufBytes.header(0, 1).string("a").i32(9).i32(0).i64(Integer.MAX_VALUE - 8).bytes(),
        "declares 2147483639 elements", "more than 1073741824 allowed");
  }

  @Test
  void arrayLengthNearTwoToThe64IsNotNegative() throws Exception {
    rejected("array-neg.gguf", GgufBytes.header(0, 1).string("a").i32(9).i32(8).i64(-1).bytes(),
        "declares 18446744073709551615 elements");
  }

  @Test
  void hugeCountsAreCheckedAgainstTheFile() throws Exception {
    rejected("count.gguf", GgufBytes.header(Long.MAX_VALUE, 0).bytes(), "tensor count 9223372036854775807",
        "truncated");
    rejected("kvcount.gguf", GgufBytes.header(0, 1L << 40).bytes(), "metadata count 1099511627776");
  }

  @Test
  void stringLongerThanTheFileIsRejected() throws Exception {
    rejected("string.gguf", GgufBytes.header(0, 1).i64(1L << 40).pad(16).bytes(), "string length 1099511627776",
        "metadata key #0");
  }

  @Test
  void emptyAndRepeatedKeysAreRejectedAsLlamaCppDoes() throws Exception {
    rejected("empty-key.gguf", GgufBytes.header(0, 1).u32Key("", 1).bytes(), "metadata key #0", "is empty");
    rejected("twice.gguf", GgufBytes.header(0, 2).u32Key("k", 1).u32Key("k", 2).bytes(), "metadata key k",
        "appears twice");
  }

  @Test
  void alignmentMustBeAUint32PowerOfTwo() throws Exception {
    rejected("align-type.gguf", GgufBytes.header(0, 1).string("general.alignment").i32(5).i32(32).bytes(),
        "general.alignment", "value type 5");
    rejected("align-value.gguf", GgufBytes.header(0, 1).u32Key("general.alignment", 48).bytes(),
        "general.alignment = 48");
  }

  @Test
  void dimensionsWhoseProductOverflowAreNamed() throws Exception {
    rejected("dims.gguf", GgufBytes.header(1, 0).tensor("big", 0L, 1L << 32, 1L << 32).bytes(), "tensor big",
        "[4294967296, 4294967296]", "more than 2^63-1 elements");
  }

  @Test
  void twoToThe62ElementsInZeroBytesIsRejected() throws Exception {
    // 2^62 F32 elements are 2^64 bytes, which wraps to 0 in unchecked long arithmetic.
    rejected("wrap.gguf", GgufBytes.header(1, 0).tensor("w", 0L, 1L << 31, 1L << 31).data(32, 0).bytes(),
        "tensor w", "4611686018427387904 elements", "more than 2^63-1 bytes");
  }

  @Test
  void offsetNearTwoToThe63DoesNotWrapPastTheRangeCheck() throws Exception {
    rejected("offset-max.gguf", GgufBytes.header(1, 0).tensor("t", Long.MAX_VALUE - 31, 8).data(32, 32).bytes(),
        "tensor t", "data offset 9223372036854775776");
    rejected("offset-neg.gguf", GgufBytes.header(1, 0).tensor("t", Long.MIN_VALUE + 32, 8).data(32, 32).bytes(),
        "tensor t", "data offset 9223372036854775840", "beyond any file");
  }

  @Test
  void unalignedOffsetIsRejected() throws Exception {
    rejected("unaligned.gguf", GgufBytes.header(2, 0).tensor("a", 0, 8).tensor("b", 36, 8).data(32, 96).bytes(),
        "tensor b", "data offset 36", "not a multiple of general.alignment 32");
  }

  @Test
  void overlappingTensorsAreRejected() throws Exception {
    rejected("overlap.gguf", GgufBytes.header(2, 0).tensor("a", 0, 16).tensor("b", 32, 16).data(32, 128).bytes(),
        "tensor b", "data offset 32", "inside the data of tensor a", "which ends at 64");
    rejected("same.gguf", GgufBytes.header(2, 0).tensor("a", 0, 8).tensor("b", 0, 8).data(32, 64).bytes(),
        "tensor b", "data offset 0");
  }

  @Test
  void gapsBetweenTensorsAreRejectedAsLlamaCppDoes() throws Exception {
    rejected("gap.gguf", GgufBytes.header(2, 0).tensor("a", 0, 8).tensor("b", 64, 8).data(32, 128).bytes(),
        "tensor b", "data offset 64, expected 32");
  }

  @Test
  void rowsMustBeWholeBlocks() throws Exception {
    rejected("block.gguf", GgufBytes.header(1, 0).typedTensor("q", GgmlType.Q8_0.id(), 0, 33, 2).data(32, 128).bytes(),
        "tensor q", "rows of 33 elements", "block size 32");
  }

  @Test
  void tensorPastTheEndIsTruncation() throws Exception {
    rejected("short.gguf", GgufBytes.header(1, 0).tensor("t", 0, 64).data(32, 100).bytes(), "tensor t",
        "256 bytes", "truncated");
  }

  @Test
  void impossibleDimensionCountsAndTypesAreNamed() throws Exception {
    rejected("ndims.gguf", GgufBytes.header(1, 0).string("t").i32(-1).pad(32).bytes(), "tensor t", "4294967295 dimensions");
    rejected("dim0.gguf", GgufBytes.header(1, 0).tensor("t", 0, 0L).bytes(), "tensor t", "dimension 0 = 0");
    rejected("type.gguf", GgufBytes.header(1, 0).typedTensor("t", 99, 0, 8).bytes(), "tensor t", "ggml type id 99");
    rejected("name.gguf", GgufBytes.header(1, 0).tensor("n".repeat(64), 0, 8).bytes(), "64 bytes");
  }

  @Test
  void aValidHandMadeFileStillOpens() throws Exception {
    Path p = dir.resolve("ok.gguf");
    Files.write(p, GgufBytes.header(2, 1).u32Key("general.alignment", 32).tensor("a", 0, 8).tensor("b", 32, 4, 2)
        .data(32, 64).bytes());
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals(2, f.tensors().size());
      assertEquals(f.dataOffset() + 32, f.tensor("b").offset());
    }
  }
}
