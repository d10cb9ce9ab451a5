package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.DropReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JsonlReaderTest {
  static CollectingSink read(InputStream in, ReadOptions o) throws Exception {
    CollectingSink s = new CollectingSink();
    new JsonlReader(o).read(in, "d.jsonl", "d.jsonl", 3, s);
    return s;
  }

  @Test
  void badLinesBecomeNamedDrops() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"text\":\"hello\\nworld\",\"url\":\"http://u.example:81/p\",\"id\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write("not json\n\n   \n".getBytes(StandardCharsets.UTF_8));
    b.write("{\"body\":\"no text field\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write("{\"text\":42}\n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'});
    b.write("[1,2]\r\n{\"text\":\"last, no newline\"}".getBytes(StandardCharsets.UTF_8));
    CollectingSink s = read(new ByteArrayInputStream(b.toByteArray()), ReadOptions.defaults());
    assertEquals(2, s.docs.size());
    assertEquals("hello\nworld", s.docs.getFirst().rawContent());
    assertEquals(2, s.docs.getFirst().nlines());
    assertEquals("u.example:81", s.docs.getFirst().sourceDomain());
    assertEquals("a", s.docs.getFirst().id(), "named by its own id");
    assertEquals(null, s.docs.getFirst().digest(), "an id is not a digest");
    assertEquals("a", s.docs.getFirst().signals().get("id"), "and written back out");
    assertEquals((3L << 40) | 1, s.docs.getFirst().ordinal());
    assertEquals(List.of(DropReason.INVALID_JSON, DropReason.MISSING_TEXT_FIELD, DropReason.MISSING_TEXT_FIELD,
        DropReason.INVALID_UTF8, DropReason.INVALID_JSON), s.drops.stream().map(d -> d.reason()).toList());
    assertEquals("d.jsonl#2", s.drops.getFirst().id(), "blank lines are not records");
  }

  @Test
  void configurableTextField() throws Exception {
    CollectingSink s = read(new ByteArrayInputStream("{\"content\":\"x\"}\n".getBytes(StandardCharsets.UTF_8)),
        new ReadOptions(true, "content", null, "link", BadRecordPolicy.SKIP));
    assertEquals("x", s.docs.getFirst().rawContent());
  }

  @Test
  void truncatedGzipIsOneDropOrAnError() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      for (int i = 0; i < 2000; i++) {
        z.write(("{\"text\":\"line " + i + " " + "y".repeat(i % 50) + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] cut = Arrays.copyOf(b.toByteArray(), b.size() / 2);
    CollectingSink s = read(new GZIPInputStream(new ByteArrayInputStream(cut)), ReadOptions.defaults());
    assertTrue(s.docs.size() > 100);
    assertEquals(DropReason.TRUNCATED_RECORD, s.drops.getLast().reason());
    assertThrows(BadRecordException.class, () -> read(new GZIPInputStream(new ByteArrayInputStream(cut)),
        new ReadOptions(true, "text", null, null, BadRecordPolicy.FAIL)));
  }

  /** Issue #17: an invalid UTF-8 line is a drop of that line only, named by its line number as an editor counts it. */
  @Test
  void invalidUtf8IsOneLineNamedByItsEditorLineNumber() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("{\"text\":\"one\"}\n\n\r\n{\"text\":\"four\"}\n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, '(', '"', '}', '\n'});
    b.write("{\"text\":\"six\"}\n".getBytes(StandardCharsets.UTF_8));
    CollectingSink s = read(new ByteArrayInputStream(b.toByteArray()), ReadOptions.defaults());
    assertEquals(List.of("one", "four", "six"), s.docs.stream().map(d -> d.rawContent()).toList());
    assertEquals(List.of("d.jsonl#1", "d.jsonl#4", "d.jsonl#6"), s.docs.stream().map(d -> d.id()).toList());
    assertEquals(1, s.drops.size());
    assertEquals("d.jsonl#5", s.drops.getFirst().id());
    assertEquals(DropReason.INVALID_UTF8, s.drops.getFirst().reason());
    assertEquals("line 5 is not valid UTF-8 (at byte 11 of the line)", s.drops.getFirst().detail());
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(new ByteArrayInputStream(b.toByteArray()),
        new ReadOptions(true, "text", null, null, BadRecordPolicy.FAIL)));
    assertTrue(e.getMessage().startsWith("d.jsonl#5: INVALID_UTF8: line 5"), e.getMessage());
  }
}
