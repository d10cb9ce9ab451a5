package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The WARC reader on hand-built records: payload decoding, charsets, and every record a document, drop or metadata. */
class WarcReaderTest {
  private static final String DATE = "2024-05-18T01:58:10Z";
  private static final String PROSE = "The harbour was quiet in the early morning, and the boats that had come in "
      + "during the night lay along the old stone quay waiting for the market to open.";

  private static String page(String title, String body) {
    return "<html><head><title>" + title + "</title></head><body><nav><a href=/>Home</a></nav><p>" + body
        + "</p><footer>All rights reserved</footer></body></html>";
  }

  private record Result(List<Document> docs, List<Drop> drops, long metadata, long records) {
    Map<String, Integer> reasons() {
      Map<String, Integer> m = new TreeMap<>();
      drops.forEach(d -> m.merge(d.reason().name(), 1, Integer::sum));
      return m;
    }
  }

  private static Result read(byte[] warc, BadRecordPolicy policy) throws Exception {
    CollectingSink sink = new CollectingSink();
    WetReader.FileStats s = new WarcReader(new ReadOptions(true, "text", "id", "url", policy))
        .read(new ByteArrayInputStream(warc), "t.warc", "seg", 3, sink);
    return new Result(sink.docs, sink.drops, s.warcinfo(), s.records());
  }

  private static byte[] gzip(byte[] b) throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(o)) {
      z.write(b);
    }
    return o.toByteArray();
  }

  @Test
  void decodesChunkedGzipDeflateAndFindsTheCharset() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WarcWriter w = new WarcWriter(out, true)) {
      w.request("http://a.example/1", DATE);
      byte[] html = page("Plain", PROSE).getBytes(StandardCharsets.UTF_8);
      w.response("http://a.example/1", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", html);
      // gzip, then chunked in two chunks with an extension
      byte[] gz = gzip(page("Gzip", PROSE).getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream ch = new ByteArrayOutputStream();
      int half = gz.length / 2;
      ch.writeBytes((Integer.toHexString(half) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
      ch.write(gz, 0, half);
      ch.writeBytes(("\r\n" + Integer.toHexString(gz.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      ch.write(gz, half, gz.length - half);
      ch.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      w.response("http://a.example/2", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
          + "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", ch.toByteArray());
      ByteArrayOutputStream df = new ByteArrayOutputStream();
      try (DeflaterOutputStream d = new DeflaterOutputStream(df)) {
        d.write(page("Deflate", PROSE).getBytes(StandardCharsets.UTF_8));
      }
      w.response("http://a.example/3", DATE, "HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n"
          + "Content-Encoding: deflate\r\n", df.toByteArray());
      // windows-1252 declared in a meta tag only; "café – 5 €" has bytes that are not UTF-8
      String latin = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
          + "<title>Caf\u00e9</title></head><body><p>" + PROSE + " Caf\u00e9 \u2013 5 \u20ac.</p></body></html>";
      w.response("http://a.example/4", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
          latin.getBytes(Charset.forName("windows-1252")));
      // no declaration, not UTF-8: windows-1252 fallback
      w.response("http://a.example/5", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
          latin.replace("charset=windows-1252", "").getBytes(Charset.forName("windows-1252")));
      // the HTTP header wins over the meta tag (the payload is UTF-8, the meta tag lies)
      w.response("http://a.example/6", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n",
          latin.getBytes(StandardCharsets.UTF_8));
      w.record("metadata", "http://a.example/1", DATE, "application/warc-fields", null, "x: 1\r\n".getBytes());
    }
    Result r = read(out.toByteArray(), BadRecordPolicy.FAIL);
    assertEquals(List.of(), r.drops());
    assertEquals(6, r.docs().size());
    assertEquals(3, r.metadata(), "warcinfo, request, metadata");
    assertEquals(9, r.records());
    Document d1 = r.docs().getFirst();
    assertEquals("Plain", d1.title());
    assertEquals(PROSE, d1.rawContent());
    assertEquals("http://a.example/1", d1.url());
    assertEquals("a.example", d1.sourceDomain());
    assertEquals(DATE, d1.dateDownload());
    assertTrue(d1.digest().startsWith("sha1:"));
    assertEquals("t.warc#2", d1.id());
    assertEquals((3L << 40) | 2, d1.ordinal());
    assertEquals("Gzip", r.docs().get(1).title());
    assertEquals(PROSE, r.docs().get(1).rawContent());
    assertEquals("Deflate", r.docs().get(2).title());
    for (int i = 3; i < 6; i++) {
      assertEquals("Caf\u00e9", r.docs().get(i).title());
      assertEquals(PROSE + " Caf\u00e9 \u2013 5 \u20ac.", r.docs().get(i).rawContent());
    }
    assertEquals("meta", r.docs().get(3).signals().get("charset_source"));
    assertEquals("fallback", r.docs().get(4).signals().get("charset_source"));
    assertEquals("http", r.docs().get(5).signals().get("charset_source"));
  }

  @Test
  void everyOtherRecordIsANamedDropAndAccountingHolds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WarcWriter w = new WarcWriter(out, false)) {
      String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
      w.response("http://b.example/img", DATE, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n", new byte[] {1, 2});
      w.response("http://b.example/gone", DATE, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n",
          page("x", PROSE).getBytes(StandardCharsets.UTF_8));
      w.record("conversion", "http://b.example/wet", DATE, "text/plain", null, PROSE.getBytes(StandardCharsets.UTF_8));
      w.record("revisit", "http://b.example/again", DATE, "application/http; msgtype=response", null, new byte[0]);
      w.record("response", "http://b.example/junk", DATE, "application/http; msgtype=response", null,
          "not http at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      w.response("http://b.example/badgz", DATE, ok + "Content-Encoding: gzip\r\n", "plain".getBytes());
      w.response("http://b.example/br", DATE, ok + "Content-Encoding: br\r\n", "x".getBytes());
      w.response("http://b.example/cs", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=x-klingon\r\n",
          page("x", PROSE).getBytes(StandardCharsets.UTF_8));
      w.response("http://b.example/bad8", DATE, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n",
          new byte[] {'<', 'p', '>', (byte) 0xC3, (byte) 0x28});
      w.response("http://b.example/menu", DATE, ok, "<ul><li><a href=/a>A</a></li></ul>".getBytes());
      w.html("http://b.example/good", DATE, page("Good", PROSE));
    }
    Result r = read(out.toByteArray(), BadRecordPolicy.SKIP);
    assertEquals(Map.of("NOT_HTML", 1, "HTTP_NOT_OK", 1, "WET_RECORD_IN_WARC", 1, "NOT_RESPONSE", 1, "BAD_HTTP", 1,
        "BAD_CONTENT_ENCODING", 2, "UNKNOWN_CHARSET", 1, "UNDECODABLE_TEXT", 1, "NO_MAIN_TEXT", 1), r.reasons());
    assertEquals(1, r.docs().size());
    assertEquals(1, r.metadata());
    assertEquals(r.records(), r.docs().size() + r.drops().size() + r.metadata(), "every record counted once");
  }

  @Test
  void failPolicyNamesFileAndRecord() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WarcWriter w = new WarcWriter(out, false)) {
      w.response("http://c.example/", DATE, "HTTP/1.1 500 Oops\r\nContent-Type: text/html\r\n", new byte[0]);
    }
    BadRecordException e = assertThrows(BadRecordException.class, () -> read(out.toByteArray(), BadRecordPolicy.FAIL));
    assertEquals("t.warc#1: HTTP_NOT_OK: HTTP status 500", e.getMessage());
  }

  @Test
  void wetReadAsWarcSaysSo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WetWriter w = new WetWriter(out, true)) {
      w.conversion("http://d.example/", DATE, PROSE);
      w.conversion("http://d.example/2", DATE, PROSE);
    }
    Result r = read(out.toByteArray(), BadRecordPolicy.SKIP);
    assertEquals(Map.of("WET_RECORD_IN_WARC", 2), r.reasons());
    assertTrue(r.drops().getFirst().detail().contains("format wet"), r.drops().getFirst().detail());
  }

  @Test
  void autoPicksWarcForWarcAndWetForWarcWet() {
    CorpusFormats f = CorpusFormats.standard();
    assertEquals("warc", f.guess("CC-MAIN-x.warc.gz"));
    assertEquals("warc", f.guess("crawl.warc"));
    assertEquals("wet", f.guess("CC-MAIN-x.warc.wet.gz"));
    assertEquals("wet", f.guess("x.warc.wet"));
  }
}
