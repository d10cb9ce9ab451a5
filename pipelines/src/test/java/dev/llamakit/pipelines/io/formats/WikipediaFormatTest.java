package dev.llamakit.pipelines.io.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecordException;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

class WikipediaFormatTest {
  static byte[] dump() throws IOException {
    try (var in = WikipediaFormatTest.class.getResourceAsStream("tiny-pages-articles.xml")) {
      return in.readAllBytes();
    }
  }

  static byte[] bzip2(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) { // one bzip2 stream per part: a multistream dump
      try (BZip2CompressorOutputStream b = new BZip2CompressorOutputStream(out) {
        @Override
        public void close() throws IOException {
          finish();
        }
      }) {
        b.write(part);
      }
    }
    return out.toByteArray();
  }

  @Test
  void pagesRedirectsAndNamespaces() throws Exception {
    Collected c = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "enwiki-pages-articles.xml", dump());
    assertEquals(1, c.metadata, "the siteinfo header");
    assertEquals(List.of("enwiki-pages-articles.xml#36896", "enwiki-pages-articles.xml#36900",
        "enwiki-pages-articles.xml#36901"), c.docs.stream().map(d -> d.id()).toList());
    assertEquals(List.of(DropReason.WIKIPEDIA_REDIRECT, DropReason.WIKIPEDIA_OTHER_NAMESPACE,
        DropReason.WIKIPEDIA_REDIRECT), c.drops.stream().map(d -> d.reason()).toList());
    var llama = c.docs.get(0);
    assertEquals("Llama", llama.title());
    assertEquals("https://en.wikipedia.org/wiki/Llama", llama.url());
    assertEquals("36896", llama.signals().string("wiki_page_id"));
    assertEquals("1150000001", llama.signals().string("wiki_revision_id"));
    assertEquals("2023-03-20T10:00:00Z", llama.signals().string("wiki_timestamp"));
    assertEquals("en", llama.signals().string("wiki_language"));
    assertTrue(llama.rawContent().startsWith("{{Short description|South American camelid}}\n{{Infobox animal"));
    assertTrue(llama.rawContent().contains("<!-- a comment"), "entities decoded by the XML reader");
    assertEquals("wikipedia", CorpusFormats.standard().guess("enwiki-20230320-pages-articles-multistream.xml.bz2"));
    assertEquals("en", WikipediaFormat.languageOf("enwiki"));
    assertEquals("zh-yue", WikipediaFormat.languageOf("zh_yuewiki"));
  }

  /** The hand-made page with every construct, read and cleaned by the wikitext rule: its exact plain text. */
  @Test
  void everyConstructGolden() throws Exception {
    Collected c = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "enwiki-pages-articles.xml", dump());
    var rule = new dev.llamakit.pipelines.filters.wikipedia.WikitextFilter(
        new dev.llamakit.pipelines.filters.wikipedia.WikitextFilter.Params());
    assertEquals(String.join("\n",
        "The llama (Lama glama) is a domesticated South American camelid, widely used as a pack animal by Andean "
            + "cultures since the pre-Columbian era. Llamas are social.",
        "",
        "Etymology",
        "The word llama came from Spanish; see the source and .",
        "",
        "Care",
        "Llamas eat grass.",
        "They live 15\u201325 years.",
        "",
        "the French article exists."), rule.apply(c.docs.get(0)).changed().rawContent());
  }

  @Test
  void multistreamBzip2IsOneDump() throws Exception {
    byte[] xml = dump();
    String s = new String(xml, StandardCharsets.UTF_8);
    int cut = s.indexOf("  <page>", s.indexOf("</page>"));
    byte[] bz = bzip2(s.substring(0, cut).getBytes(StandardCharsets.UTF_8),
        s.substring(cut).getBytes(StandardCharsets.UTF_8));
    Collected plain = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "x-pages-articles.xml", xml);
    Collected multi = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "x-pages-articles.xml", bz);
    assertEquals(plain.docs, multi.docs);
    assertEquals(plain.drops, multi.drops);
  }

  @Test
  void malformedXmlNamesFileAndLine() throws Exception {
    String s = new String(dump(), StandardCharsets.UTF_8);
    String broken = s.replace("<title>Talk:Llama</title>", "<title>Talk:Llama</titel>");
    int line = (int) s.substring(0, s.indexOf("<title>Talk:Llama")).chars().filter(ch -> ch == '\n').count() + 1;
    Collected c = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "bad-pages-articles.xml",
        broken.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, c.docs.size(), "the pages before the damage are kept");
    assertEquals(DropReason.MALFORMED_XML, c.drops.get(c.drops.size() - 1).reason());
    assertEquals("bad-pages-articles.xml:" + line, c.drops.get(c.drops.size() - 1).id());
    BadRecordException e = assertThrows(BadRecordException.class, () -> Collected.read("wikipedia", Map.of(),
        BadRecordPolicy.FAIL, "bad-pages-articles.xml", broken.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("bad-pages-articles.xml:" + line + ": MALFORMED_XML: line " + line),
        e.getMessage());
  }

  @Test
  void entityBombsAndCompressionBombsAreRefused() throws Exception {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
        + "<mediawiki><page><title>T</title><ns>0</ns><id>1</id><revision><text>&b;</text></revision></page></mediawiki>";
    Collected dtd = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "dtd-pages-articles.xml",
        laughs.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, dtd.docs.size());
    assertEquals(DropReason.MALFORMED_XML, dtd.drops.get(0).reason());

    byte[] spaces = new byte[40 << 20];
    java.util.Arrays.fill(spaces, (byte) ' ');
    byte[] bomb = bzip2("<mediawiki>".getBytes(StandardCharsets.UTF_8), spaces);
    assertTrue(bomb.length < 10_000, "bomb size " + bomb.length);
    Collected c = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "bomb-pages-articles.xml.bz2", bomb);
    assertEquals(0, c.docs.size());
    assertEquals(DropReason.ARCHIVE_TOO_LARGE, c.drops.get(0).reason());
    assertTrue(c.drops.get(0).detail().contains("times its compressed size"), c.drops.get(0).detail());
    Collected small = Collected.read("wikipedia", Map.of("max_expanded_bytes", 1 << 20), BadRecordPolicy.SKIP,
        "bomb-pages-articles.xml.bz2", bomb);
    assertTrue(small.drops.get(0).detail().contains("expands past 1048576 bytes"), small.drops.get(0).detail());
  }

  /** Real dumps escape every markup character: far more entity text than the JDK's per-document default allows. */
  @Test
  void millionsOfPredefinedEntities() throws Exception {
    String page = "<page><title>T</title><ns>0</ns><id>1</id><revision><text>" + "&lt;b&gt;x&amp;y&quot;".repeat(60_000)
        + "</text></revision></page>";
    String xml = "<mediawiki><siteinfo><dbname>enwiki</dbname></siteinfo>" + page.repeat(3) + "</mediawiki>";
    Collected c = Collected.read("wikipedia", Map.of(), BadRecordPolicy.SKIP, "x-pages-articles.xml",
        xml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), c.drops);
    assertEquals(3, c.docs.size());
    assertEquals("<b>x&y\"".repeat(60_000), c.docs.get(2).rawContent());
  }

  @Test
  void oversizedPagesAreNamedDrops() throws Exception {
    Collected c = Collected.read("wikipedia", Map.of("max_page_chars", 100), BadRecordPolicy.SKIP,
        "x-pages-articles.xml", dump());
    assertEquals(List.of("enwiki-pages-articles.xml#36900", "enwiki-pages-articles.xml#36901").size(), c.docs.size());
    assertTrue(c.drops.stream().anyMatch(d -> d.reason().equals(DropReason.TOO_LONG) && d.id().endsWith("#36896")));
  }
}
