package dev.llamakit.pipelines.io.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecordException;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

class TextFormatTest {
  private static final String BOOK = "\uFEFFCHAPTER I.\r\n\r\nIt is a truth universally acknowledged.\r\n\r\n"
      + "CHAPTER II.\r\n\r\nMr. Bennet was among the earliest.\r\n";

  @Test
  void oneFileIsOneDocumentWithItsStructure() throws Exception {
    Collected c = Collected.read("text", Map.of(), BadRecordPolicy.SKIP, "pg1.txt", BOOK.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, c.docs.size());
    assertEquals(0, c.drops.size());
    var d = c.docs.get(0);
    assertEquals("CHAPTER I.\n\nIt is a truth universally acknowledged.\n\nCHAPTER II.\n\nMr. Bennet was among the earliest.\n",
        d.rawContent());
    assertEquals("pg1.txt", d.id());
    assertEquals(7, d.nlines());
    assertEquals(3L << 40, d.ordinal());
    assertEquals("utf-8", d.signals().string("charset"));
    assertEquals("text", CorpusFormats.standard().guess("pg1342.txt"));
    assertEquals("text", CorpusFormats.standard().guess("pg1342.TXT.bz2"));
    assertEquals("wet", CorpusFormats.standard().guess("x.warc.wet.txt.gz"), "the longer ending still wins");
  }

  @Test
  void gzipAndBzip2AreReadByTheirMagic() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
      o.write(BOOK.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream bz = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream o = new BZip2CompressorOutputStream(bz)) {
      o.write(BOOK.getBytes(StandardCharsets.UTF_8));
    }
    String plain = Collected.read("text", Map.of(), BadRecordPolicy.SKIP, "a.txt", BOOK.getBytes(StandardCharsets.UTF_8))
        .docs.get(0).rawContent();
    assertEquals(plain, Collected.read("text", Map.of(), BadRecordPolicy.SKIP, "a.txt.gz", gz.toByteArray())
        .docs.get(0).rawContent());
    assertEquals(plain, Collected.read("text", Map.of(), BadRecordPolicy.SKIP, "a.txt.bz2", bz.toByteArray())
        .docs.get(0).rawContent());
  }

  @Test
  void notUtf8FallsBackOrIsANamedDrop() throws Exception {
    byte[] cp1252 = "one\u2014the old editions".getBytes(java.nio.charset.Charset.forName("windows-1252"));
    Collected c = Collected.read("text", Map.of(), BadRecordPolicy.SKIP, "old.txt", cp1252);
    assertEquals("one\u2014the old editions", c.docs.get(0).rawContent());
    assertEquals("windows-1252", c.docs.get(0).signals().string("charset"));

    Collected strict = Collected.read("text", Map.of("fallback_charset", ""), BadRecordPolicy.SKIP, "old.txt", cp1252);
    assertEquals(0, strict.docs.size());
    assertEquals(DropReason.INVALID_UTF8, strict.drops.get(0).reason());
    assertTrue(strict.drops.get(0).detail().contains("at byte 4"), strict.drops.get(0).detail());
    BadRecordException e = assertThrows(BadRecordException.class, () ->
        Collected.read("text", Map.of("fallback_charset", ""), BadRecordPolicy.FAIL, "old.txt", cp1252));
    assertTrue(e.getMessage().startsWith("old.txt: INVALID_UTF8"), e.getMessage());
  }

  @Test
  void aBombIsRefusedUnderItsLimit() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        o.write(zeros); // 64 MiB of zeros: 64 KB compressed
      }
    }
    Collected c = Collected.read("text", Map.of("max_bytes", 1 << 20), BadRecordPolicy.SKIP, "bomb.txt.gz",
        gz.toByteArray());
    assertEquals(0, c.docs.size());
    assertEquals(DropReason.TOO_LONG, c.drops.get(0).reason());
    assertTrue(c.drops.get(0).detail().contains("expands past 1048576 bytes"), c.drops.get(0).detail());
    assertThrows(IllegalArgumentException.class, () -> CorpusFormats.standard().create("text",
        Map.of("fallback_charset", "no-such-charset")));
  }
}
