package dev.llamakit.pipelines.io;

import static dev.llamakit.pipelines.io.WetResyncTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, corrupt gzip: a bad deflate block, a bad CRC or a damaged member header used to escape the readers as a
 * raw ZipException/EOFException without a file name (or, for a later member's header, end the file silently). Now
 * each is one CORRUPT_GZIP drop for the record in that member, and every other record is read; under {@code fail} it
 * is an error naming the file and the record.
 */
class GzipDamageTest {
  private static final int DAMAGED = 20;
  private static final ReadOptions SKIP = ReadOptions.defaults();
  private static final ReadOptions FAIL = new ReadOptions(true, "text", "id", "url", BadRecordPolicy.FAIL);
  private static List<byte[]> records;
  private static byte[] file;
  private static int[] at;
  private static List<Document> intact;

  @BeforeAll
  static void load() throws IOException {
    records = WetSample.records(40);
    file = WetSample.gzipMembers(records);
    at = WetSample.memberOffsets(records);
    intact = WetSample.readNative(file, SKIP).docs;
  }

  private static List<Document> withoutDamaged(List<Document> docs) {
    return docs.stream().filter(d -> !d.id().equals("s.warc.wet#" + DAMAGED)).toList();
  }

  private static void assertOnlyMemberLost(String what, Function<byte[], byte[]> damage) throws IOException {
    byte[] bad = damage.apply(file.clone());
    CollectingSink s = WetSample.readNative(bad, SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " CORRUPT_GZIP"), ids(s.drops), what + ": " + s.drops);
    assertTrue(s.drops.getFirst().detail().startsWith("gzip member " + DAMAGED + " (at byte " + at[DAMAGED] + ")"),
        s.drops.getFirst().detail());
    assertEquals(withoutDamaged(intact), s.docs, what);
    CollectingSink lines = WetSample.readLines(bad, SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " CORRUPT_GZIP"), ids(lines.drops), what + " (ccnet-lines)");
    assertEquals(withoutDamaged(intact), lines.docs, what + " (ccnet-lines)");
    BadRecordException e = assertThrows(BadRecordException.class, () -> WetSample.readNative(bad, FAIL), what);
    assertTrue(e.getMessage().startsWith("s.warc.wet#" + DAMAGED + ": CORRUPT_GZIP: gzip member " + DAMAGED),
        e.getMessage());
    assertThrows(BadRecordException.class, () -> WetSample.readLines(bad, FAIL), what);
  }

  @Test
  void badDeflateBlock() throws IOException {
    assertOnlyMemberLost("bad block", f -> {
      Arrays.fill(f, at[DAMAGED] + 12, at[DAMAGED] + 40, (byte) 0xFF);
      return f;
    });
  }

  @Test
  void badCrc() throws IOException {
    assertOnlyMemberLost("bad CRC", f -> {
      f[at[DAMAGED + 1] - 8] ^= 0x01;
      return f;
    });
  }

  /** java.util.zip.GZIPInputStream took this for the end of the file: every later record vanished unnoticed. */
  @Test
  void damagedHeaderOfALaterMember() throws IOException {
    assertOnlyMemberLost("damaged member header", f -> {
      f[at[DAMAGED]] = 0x00;
      return f;
    });
  }

  @Test
  void cutGzipHeaderIsATruncatedRecord() throws IOException {
    byte[] cut = Arrays.copyOf(file, 5);
    assertEquals(List.of("s.warc.wet#0 TRUNCATED_RECORD"), ids(WetSample.readNative(cut, SKIP).drops));
    assertEquals(List.of("s.warc.wet#0 TRUNCATED_RECORD"), ids(WetSample.readLines(cut, SKIP).drops));
    BadRecordException e = assertThrows(BadRecordException.class, () -> WetSample.readNative(cut, FAIL));
    assertTrue(e.getMessage().startsWith("s.warc.wet#0: TRUNCATED_RECORD: gzip member 0"), e.getMessage());
  }

  @Test
  void bytesAfterTheLastMemberAreCounted() throws IOException {
    byte[] tail = "garbage after the last member".getBytes(StandardCharsets.US_ASCII);
    byte[] f = Arrays.copyOf(file, file.length + tail.length);
    System.arraycopy(tail, 0, f, file.length, tail.length);
    CollectingSink s = WetSample.readNative(f, SKIP);
    assertEquals(List.of("s.warc.wet#40 CORRUPT_GZIP"), ids(s.drops));
    assertEquals(intact, s.docs);
  }

  /** A JSONL shard whose gzip data is damaged: a counted drop naming the line, not an escaped ZipException. */
  @Test
  void jsonlWithDamagedGzip() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      for (int i = 0; i < 50; i++) {
        z.write(("{\"text\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] gz = b.toByteArray();
    gz[gz.length - 6] ^= 0x10; // the CRC
    CollectingSink s = new CollectingSink();
    new JsonlReader(SKIP).read(new ByteArrayInputStream(gz), "d.jsonl.gz", "d", 0, s);
    assertEquals(List.of("d.jsonl.gz#1 CORRUPT_GZIP"), ids(s.drops), "the member is rejected before any line of it");
    assertTrue(s.docs.isEmpty());
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> new JsonlReader(FAIL).read(new ByteArrayInputStream(gz), "d.jsonl.gz", "d", 0, new CollectingSink()));
    assertTrue(e.getMessage().startsWith("d.jsonl.gz#1: CORRUPT_GZIP: line 1: gzip member 0"), e.getMessage());
  }

  /** Fuzz finding (jsonl, seed 20261207): after a damaged member the next line took the drop's id. */
  @Test
  void jsonlRecordAfterADamagedMemberHasItsOwnId() throws IOException {
    byte[] first = WetSample.gzip("{\"text\":\"lost\"}\n".getBytes(StandardCharsets.UTF_8));
    first[first.length - 8] ^= 1; // its CRC
    byte[] second = WetSample.gzip("{\"text\":\"kept\"}\n".getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    CollectingSink s = new CollectingSink();
    new JsonlReader(SKIP).read(new ByteArrayInputStream(both), "d.jsonl.gz", "d", 0, s);
    assertEquals(List.of("d.jsonl.gz#1 CORRUPT_GZIP"), ids(s.drops));
    assertEquals(List.of("d.jsonl.gz#2"), s.docs.stream().map(Document::id).toList());
    assertEquals("kept", s.docs.getFirst().rawContent());
  }
}
