package dev.llamakit.pipelines.kenlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed ARPA and binary files fail with a message naming the file and the line or header field. */
class KenLmBadInputTest {
  @TempDir Path dir;

  /** A complete small trigram model: "a b" and "a b c" in context. */
  private static final String GOOD = """
      \\data\\
      ngram 1=5
      ngram 2=3
      ngram 3=1

      \\1-grams:
      -1.0\t<unk>\t0
      0\t<s>\t-0.5
      -0.7\t</s>
      -0.6\ta\t-0.2
      -0.8\tb\t-0.3

      \\2-grams:
      -0.3\t<s> a\t-0.1
      -0.2\ta b\t-0.25
      -0.4\tb </s>

      \\3-grams:
      -0.05\t<s> a b

      \\end\\
      """;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private LanguageModelFormatException arpaError(String name, String text) throws IOException {
    Path p = write(name, text);
    LanguageModelFormatException e = assertThrows(LanguageModelFormatException.class, () -> ArpaModel.load(p));
    assertTrue(e.getMessage().startsWith(p.toString() + ":"), e.getMessage());
    return e;
  }

  @Test
  void smallModelScoresByHand() throws IOException {
    Path p = write("good.arpa", GOOD);
    Path gz = dir.resolve("good.arpa.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }
    for (Path f : new Path[] {p, gz}) {
      try (NgramModel m = NgramModel.open(f)) {
        assertEquals(ArpaModel.class, m.getClass());
        assertEquals(3, m.order());
        // p(a|<s>) = -0.3; p(b|<s> a) = -0.05; p(</s>|a b) = p(</s>|b) + bo(a b) = -0.4 + -0.25
        assertEquals(-0.3f + -0.05f + (-0.4f + -0.25f), m.score("a b"));
        // p(zz|<s>) = p(<unk>) + bo(<s>); p(</s>|<unk>) = p(</s>) (no backoff for <unk>)
        assertEquals((-1.0f + -0.5f) + -0.7f, m.score("zz"));
        assertEquals(0, m.index("zz"));
      }
    }
  }

  @Test
  void wordsSplitOnAsciiWhitespaceOnly() {
    assertEquals(java.util.List.of("a\u00a0b", "c", "d", "e"), KenLmWords.split(" a\u00a0b\tc\u000bd\f\r\ne "));
    assertEquals(java.util.List.of(), KenLmWords.split(" \t "));
  }

  @Test
  void streamingStateKeepsOnlyExtendableHistory() throws IOException {
    try (NgramModel m = ArpaModel.load(write("s.arpa", GOOD))) {
      NgramState in = m.newState();
      NgramState out = m.newState();
      m.beginSentence(in);
      assertEquals(-0.3f, m.score(in, m.index("a"), out));
      assertEquals(2, out.ngramLength());
      assertEquals(2, out.length());
      assertEquals(m.index("a"), out.word(0));
      assertEquals(m.beginSentenceIndex(), out.word(1));
      assertThrows(IllegalArgumentException.class, () -> m.score(in, 1, in));
      assertThrows(IndexOutOfBoundsException.class, () -> m.score(in, 99, out));
    }
  }

  @Test
  void countsThatDisagreeWithTheSectionNameTheLine() throws IOException {
    LanguageModelFormatException e = arpaError("fewer.arpa", GOOD.replace("ngram 2=3", "ngram 2=4"));
    assertTrue(e.getMessage().contains(":17: \\data\\ declares 4 2-grams but the section has 3"), e.getMessage());
    e = arpaError("more.arpa", GOOD.replace("ngram 2=3", "ngram 2=2"));
    assertTrue(e.getMessage().contains(":16: more 2-grams than \\data\\ declares"), e.getMessage());
  }

  @Test
  void missingSectionIsNamed() throws IOException {
    String text = GOOD.substring(0, GOOD.indexOf("\\3-grams:")) + "\\end\\\n";
    LanguageModelFormatException e = arpaError("nosection.arpa", text);
    assertTrue(e.getMessage().contains(":18: expected the \\3-grams: section but found \"\\end\\\""), e.getMessage());
  }

  @Test
  void badLinesAreNamed() throws IOException {
    LanguageModelFormatException e = arpaError("badprob.arpa", GOOD.replace("-0.8\tb", "x0.8\tb"));
    assertTrue(e.getMessage().contains(":11: bad probability \"x0.8\""), e.getMessage());
    e = arpaError("positive.arpa", GOOD.replace("-0.8\tb", "0.8\tb"));
    assertTrue(e.getMessage().contains(":11: log10 probability 0.8"), e.getMessage());
    e = arpaError("fields.arpa", GOOD.replace("-0.4\tb </s>", "-0.4\tb"));
    assertTrue(e.getMessage().contains(":16: expected a probability, 2 word(s)"), e.getMessage());
    e = arpaError("unknownword.arpa", GOOD.replace("-0.4\tb </s>", "-0.4\tb q"));
    assertTrue(e.getMessage().contains(":16: the word \"q\" of this 2-gram is not among the 1-grams"), e.getMessage());
    e = arpaError("nodata.arpa", GOOD.replace("\\data\\", "data"));
    assertTrue(e.getMessage().contains(":1: expected \\data\\ but found \"data\""), e.getMessage());
    e = arpaError("duplicate.arpa", GOOD.replace("-0.8\tb\t-0.3", "-0.8\ta\t-0.3"));
    assertTrue(e.getMessage().contains(":11: the 1-gram \"a\" is listed twice"), e.getMessage());
  }

  @Test
  void ngramWithoutItsContextIsNamed() throws IOException {
    // "b a b": context "b a" is not a bigram.
    LanguageModelFormatException e = arpaError("context.arpa", GOOD.replace("<s> a b", "b a b"));
    assertTrue(e.getMessage().contains(":19: the context \"b a\" of this 3-gram is not a 2-gram"), e.getMessage());
    // "<s> a </s>": context "<s> a" exists, suffix "a </s>" does not.
    e = arpaError("suffix.arpa", GOOD.replace("<s> a b", "<s> a </s>"));
    assertTrue(e.getMessage().contains(":19: the suffix \"a </s>\" of this 3-gram is not a 2-gram"), e.getMessage());
  }

  private LanguageModelFormatException binaryError(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    LanguageModelFormatException e = assertThrows(LanguageModelFormatException.class, () -> KenLmBinaryModel.open(p));
    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    return e;
  }

  @Test
  void randomBytesAreNotABinary() throws IOException {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    LanguageModelFormatException e = binaryError("random.bin", junk);
    assertTrue(e.getMessage().contains("not a KenLM binary file"), e.getMessage());
  }

  @Test
  void truncatedAndAlteredBinariesAreRejected() throws IOException {
    byte[] real = Files.readAllBytes(SharedFiles.require("golden/kenlm/lm.binary"));
    LanguageModelFormatException e = binaryError("head.bin", Arrays.copyOf(real, 70));
    assertTrue(e.getMessage().contains("truncated: the file has 70 bytes but needs at least 88"), e.getMessage());
    e = binaryError("half.bin", Arrays.copyOf(real, real.length / 2));
    assertTrue(e.getMessage().contains("truncated: the file has " + real.length / 2 + " bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("hash tables for counts [6233, 73116, 163555, 223492, 254191]"), e.getMessage());
    e = binaryError("nowords.bin", Arrays.copyOf(real, real.length - 100));
    assertTrue(e.getMessage().contains("truncated: the vocabulary words end after"), e.getMessage());

    byte[] trie = real.clone();
    trie[96] = 2;
    e = binaryError("trie.bin", trie);
    assertTrue(e.getMessage().contains("model type (byte 96) is 2 (trie)"), e.getMessage());
    byte[] quant = real.clone();
    quant[96] = 3;
    e = binaryError("quant.bin", quant);
    assertTrue(e.getMessage().contains("(trie with quantization)"), e.getMessage());

    byte[] big = real.clone();
    ByteBuffer bb = ByteBuffer.wrap(big).order(ByteOrder.BIG_ENDIAN);
    bb.putFloat(56, 0f).putFloat(60, 1f).putFloat(64, -0.5f).putInt(68, 1).putInt(72, -1).putInt(76, 0).putLong(80, 1);
    e = binaryError("bigendian.bin", big);
    assertTrue(e.getMessage().contains("big-endian"), e.getMessage());

    byte[] v4 = real.clone();
    v4[50] = '4';
    e = binaryError("v4.bin", v4);
    assertTrue(e.getMessage().contains("unsupported KenLM binary format version"), e.getMessage());

    byte[] incomplete = real.clone();
    byte[] magic = "mmap lm http://kheafield.com/code incomplete\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, incomplete, 0, magic.length);
    e = binaryError("incomplete.bin", incomplete);
    assertTrue(e.getMessage().contains("did not finish building"), e.getMessage());
  }

  @Test
  void anArpaGivenToTheBinaryReaderIsNotABinary() throws IOException {
    LanguageModelFormatException e = binaryError("text.bin", GOOD.getBytes(StandardCharsets.UTF_8));
    assertTrue(e.getMessage().contains("not a KenLM binary file"), e.getMessage());
  }

  /** Issue #17 fuzz finding (arpa, seed 20261207): damaged gzip escaped as a raw ZipException/EOFException. */
  @Test
  void damagedGzipIsAFormatErrorNamingTheFile() throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(b)) {
      z.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }
    byte[] gz = b.toByteArray();
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    for (byte[] bytes : java.util.List.of(Arrays.copyOf(gz, gz.length / 2), badCrc, Arrays.copyOf(gz, 4))) {
      Path p = dir.resolve("damaged.arpa.gz");
      Files.write(p, bytes);
      LanguageModelFormatException e = assertThrows(LanguageModelFormatException.class, () -> ArpaModel.load(p));
      assertTrue(e.getMessage().startsWith(p + ":") && e.getMessage().contains("gzip"), e.getMessage());
    }
  }

  /**
   * Issue #17 fuzz findings (kenlm-binary, seed 20261207), on {@link TinyBinary}'s layout (vocabulary table at byte
   * 144, 7 buckets of 12 bytes; bigram table at 276, 4 buckets of 16 bytes): a vocabulary entry with an out-of-range
   * word index failed while scoring with an IndexOutOfBoundsException; a table without an empty bucket hung lookups.
   */
  @Test
  void damagedBinaryTablesFailAtOpenOrEndLookups() throws Exception {
    ByteBuffer vocab = ByteBuffer.wrap(TinyBinary.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    int used = 144;
    while (vocab.getLong(used) == 0) {
      used += 12;
    }
    vocab.putInt(used + 8, 10);
    LanguageModelFormatException e = binaryError("index.bin", vocab.array());
    assertTrue(e.getMessage().contains("holds word index 10, outside [0, 5)"), e.getMessage());

    ByteBuffer full = ByteBuffer.wrap(TinyBinary.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 144; at < 144 + 7 * 12; at += 12) {
      if (full.getLong(at) == 0) {
        full.putLong(at, 0x1234L + at);
      }
    }
    e = binaryError("full.bin", full.array());
    assertTrue(e.getMessage().contains("has no empty bucket"), e.getMessage());

    ByteBuffer bigrams = ByteBuffer.wrap(TinyBinary.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 276; at < 276 + 4 * 16; at += 16) {
      if (bigrams.getLong(at) == 0) {
        bigrams.putLong(at, 0x5678L + at);
      }
    }
    Path p = dir.resolve("fullbigrams.bin");
    Files.write(p, bigrams.array());
    try (KenLmBinaryModel m = KenLmBinaryModel.open(p)) {
      float score = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
          () -> m.score("b a b a"));
      assertTrue(score < 0, "a lookup that misses in a full table ends as a miss: " + score);
    }
  }
}
