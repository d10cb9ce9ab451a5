package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.html.ExtractionScore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real Common Crawl capture of one page in ../shared/data/web/commoncrawl-whirlwind, as WARC and as Common
 * Crawl's own WET: the WARC reader's fields match the WET record's, and its main-content text is measured against the
 * WET text (which keeps every text node, boilerplate included: recall against it is bounded by design).
 */
class WarcWhirlwindTest {
  private static Document only(String file, boolean wet) throws Exception {
    Path p = SharedFiles.require("data/web/commoncrawl-whirlwind/" + file);
    CollectingSink sink = new CollectingSink();
    long meta;
    try (InputStream in = Files.newInputStream(p)) {
      meta = wet ? new WetReader(new ReadOptions(false, "text", "id", "url", BadRecordPolicy.FAIL)).read(in, file, "s",
          0, sink).warcinfo() : new WarcReader(ReadOptions.defaults()).read(in, file, "s", 0, sink).warcinfo();
    }
    assertEquals(1, sink.docs.size(), sink.drops.toString());
    assertTrue(sink.drops.isEmpty(), sink.drops.toString());
    assertEquals(wet ? 1 : 3, meta, "warcinfo (+ request and metadata for WARC)");
    return sink.docs.getFirst();
  }

  @Test
  void plainAndGzippedWarcGiveTheSameDocument() throws Exception {
    Document a = only("whirlwind.warc", false);
    Document b = only("whirlwind.warc.gz", false);
    assertEquals(a.rawContent(), b.rawContent());
    assertEquals(a.title(), b.title());
  }

  @Test
  void fieldsMatchTheWetRecordAndTextIsCloseToIt() throws Exception {
    Document warc = only("whirlwind.warc", false);
    Document wet = only("whirlwind.warc.wet", true);
    assertEquals(wet.url(), warc.url());
    assertEquals(wet.dateDownload(), warc.dateDownload());
    assertEquals("an.wikipedia.org", warc.sourceDomain());
    assertEquals("Escopete - Biquipedia, a enciclopedia libre", warc.title());
    assertTrue(warc.digest().startsWith("sha1:"), warc.digest());
    ExtractionScore s = ExtractionScore.of(warc.title() + "\n" + warc.rawContent(), wet.rawContent());
    // the WET's prose lines (10 words or more): the article's sentences, without menus and link lists
    StringBuilder prose = new StringBuilder();
    for (String line : wet.rawContent().split("\n")) {
      if (line.strip().split("\\s+").length >= 10) {
        prose.append(line).append('\n');
      }
    }
    ExtractionScore p = ExtractionScore.of(warc.title() + "\n" + warc.rawContent(), prose.toString());
    System.out.println("whirlwind WARC vs WET: " + s + "\nvs the WET's prose lines: " + p);
    // figures measured when this was written (README): nearly all tokens are the WET's, and of the WET's prose lines
    // every article sentence is kept
    assertTrue(s.tokenPrecision() >= 0.95, s.toString());
    assertTrue(p.tokenRecall() >= 0.75, p.toString()); // the misses: the page footer (last edit, licence) and a link
    assertTrue(s.lineRecall() < 0.2, "the WET's menus are not main content: " + s);
  }
}
