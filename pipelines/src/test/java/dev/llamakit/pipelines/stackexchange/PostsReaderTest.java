package dev.llamakit.pipelines.stackexchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.BadRecordException;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.RecordSink;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Posts.xml to question documents: answer order, HTML removal, thresholds, accounting and malformed XML. */
class PostsReaderTest {
  private static final class Sink implements RecordSink {
    final List<Document> docs = new ArrayList<>();
    final List<Drop> drops = new ArrayList<>();

    @Override
    public void document(Document d) {
      docs.add(d);
    }

    @Override
    public void drop(Drop d) {
      drops.add(d);
    }

    Map<String, Integer> reasons() {
      Map<String, Integer> m = new TreeMap<>();
      drops.forEach(d -> m.merge(d.reason().name(), 1, Integer::sum));
      return m;
    }
  }

  private static String row(String attrs) {
    return "  <row " + attrs + " />\n";
  }

  // answers before and after their question, a tag wiki, an orphan answer
  private static final String XML = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
      + row("Id=\"11\" PostTypeId=\"2\" ParentId=\"10\" Score=\"3\" Body=\"&lt;p&gt;Use a &lt;a href=&quot;"
          + "http://x&quot;&gt;burr grinder&lt;/a&gt;.&lt;/p&gt;\"")
      + row("Id=\"10\" PostTypeId=\"1\" Score=\"5\" CreationDate=\"2015-01-27T20:09:32.720\" Title=\"How fine?\" "
          + "Tags=\"&lt;grind&gt;&lt;drip&gt;\" Body=\"&lt;p&gt;How fine should I grind?&lt;/p&gt;&lt;pre&gt;&lt;code&gt;"
          + "grind --fine&#xA;  --slow&#xA;&lt;/code&gt;&lt;/pre&gt;\"")
      + row("Id=\"12\" PostTypeId=\"2\" ParentId=\"10\" Score=\"9\" Body=\"&lt;ul&gt;&lt;li&gt;medium&lt;/li&gt;"
          + "&lt;li&gt;fine for espresso&lt;/li&gt;&lt;/ul&gt;\"")
      + row("Id=\"13\" PostTypeId=\"2\" ParentId=\"10\" Score=\"-2\" Body=\"&lt;p&gt;No idea&lt;/p&gt;\"")
      + row("Id=\"20\" PostTypeId=\"1\" Score=\"-1\" Title=\"Bad question\" Body=\"&lt;p&gt;?&lt;/p&gt;\"")
      + row("Id=\"21\" PostTypeId=\"2\" ParentId=\"20\" Score=\"1\" Body=\"&lt;p&gt;answer&lt;/p&gt;\"")
      + row("Id=\"30\" PostTypeId=\"5\" Body=\"&lt;p&gt;tag wiki&lt;/p&gt;\"")
      + row("Id=\"31\" PostTypeId=\"2\" ParentId=\"99\" Score=\"1\" Body=\"&lt;p&gt;orphan&lt;/p&gt;\"")
      + "</posts>\n";

  private static long read(String xml, PostsReader.Options o, BadRecordPolicy policy, Sink sink) throws Exception {
    return new PostsReader(o).read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "Posts.xml",
        "cooking.example/Posts.xml", 2, policy, sink);
  }

  @Test
  void questionWithAnswersBestFirstAndHtmlRemoved() throws Exception {
    Sink sink = new Sink();
    long joined = read(XML, new PostsReader.Options(null, null, 0, null), BadRecordPolicy.FAIL, sink);
    assertEquals(2, sink.docs.size());
    Document d = sink.docs.getFirst();
    assertEquals("Q: How fine?\nHow fine should I grind?\ngrind --fine\n  --slow\nA: medium\nfine for espresso\n"
        + "A: Use a burr grinder.\nA: No idea", d.rawContent());
    assertEquals("How fine?", d.title());
    assertEquals("https://cooking.example/questions/10", d.url());
    assertEquals("2015-01-27T20:09:32.720", d.dateDownload());
    assertEquals("Posts.xml#1", d.id());
    assertEquals((2L << 40) | 1, d.ordinal());
    assertEquals("cooking.example", d.signals().get("site"));
    assertEquals(10L, d.signals().get("question_id"));
    assertEquals(5L, d.signals().get("score"));
    assertEquals(3L, d.signals().get("answer_count"));
    assertEquals(List.of("grind", "drip"), d.signals().get("tags"));
    assertEquals(4, joined, "answers joined into documents");
    assertEquals(Map.of("SE_NOT_QA", 1, "SE_ORPHAN_ANSWER", 1), sink.reasons());
    assertEquals(8, sink.docs.size() + sink.drops.size() + joined, "every row counted once");
  }

  @Test
  void thresholdsDropQuestionsAndAnswersByName() throws Exception {
    Sink sink = new Sink();
    long joined = read(XML, new PostsReader.Options("s.example", 0, 1, 0), BadRecordPolicy.SKIP, sink);
    assertEquals(1, sink.docs.size());
    assertEquals("Q: How fine?\nHow fine should I grind?\ngrind --fine\n  --slow\nA: medium\nfine for espresso\n"
        + "A: Use a burr grinder.", sink.docs.getFirst().rawContent());
    assertEquals(Map.of("SE_NOT_QA", 1, "SE_ORPHAN_ANSWER", 1, "SE_ANSWER_SCORE_TOO_LOW", 1,
        "SE_QUESTION_SCORE_TOO_LOW", 1, "SE_QUESTION_DROPPED", 1), sink.reasons());
    assertEquals(8, sink.docs.size() + sink.drops.size() + joined);
  }

  @Test
  void malformedXmlFailsNamingFileAndLineOrIsOneDrop() throws Exception {
    String bad = XML.replace("Id=\"20\" PostTypeId", "Id=\"20\" PostTypeId=\"1\" Broken=\"x PostTypeId");
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> read(bad, new PostsReader.Options(null, null, 0, null), BadRecordPolicy.FAIL, new Sink()));
    assertTrue(e.getMessage().startsWith("Posts.xml#"), e.getMessage());
    assertTrue(e.getMessage().contains("SE_MALFORMED_XML: malformed XML at line 7"), e.getMessage());
    Sink sink = new Sink();
    read(bad, new PostsReader.Options(null, null, 0, null), BadRecordPolicy.SKIP, sink);
    assertEquals(1, sink.reasons().get("SE_MALFORMED_XML"));
    assertEquals(1, sink.docs.size(), "the question read before the damage is written");
  }

  @Test
  void theCoffeeDump() throws Exception {
    Sink sink = new Sink();
    long joined;
    try (InputStream in = Files.newInputStream(SharedFiles.require("data/web/stackexchange-coffee/Posts.xml"))) {
      joined = new PostsReader(new PostsReader.Options("coffee.stackexchange.com", null, 0, null)).read(in,
          "Posts.xml", "Posts.xml", 0, BadRecordPolicy.FAIL, sink);
    }
    assertEquals(225, sink.docs.size(), "one document per question");
    assertEquals(592, sink.docs.size() + sink.drops.size() + joined, "every row counted once");
    assertEquals(Map.of("SE_NOT_QA", 40), sink.reasons(), "20 tag wiki excerpts and 20 tag wikis");
    Document first = sink.docs.getFirst();
    assertEquals("How should I store whole bean coffee?", first.title());
    assertTrue(first.rawContent().startsWith("Q: How should I store whole bean coffee?\nI just got a pound of "
        + "microroasted, local coffee"), first.rawContent());
    assertTrue(sink.docs.stream().noneMatch(d -> d.rawContent().contains("<p>") || d.rawContent().contains("&lt;")));
    assertEquals("https://coffee.stackexchange.com/questions/1", first.url());
  }

  @Test
  void aDumpPastTheJdksEntityCapIsReadToTheEnd() throws Exception {
    // the JDK (24+) stops a document after 100,000 characters of predefined entities unless the caps are lifted:
    // 3,000 questions with 60 entities each hold 180,000
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n");
    for (int i = 1; i <= 3000; i++) {
      xml.append(row("Id=\"" + i + "\" PostTypeId=\"1\" Score=\"1\" Title=\"Q" + i + "\" Body=\""
          + "&lt;p&gt;&quot;x&quot;&lt;/p&gt;".repeat(10) + "\""));
    }
    xml.append("</posts>\n");
    Sink sink = new Sink();
    read(xml.toString(), new PostsReader.Options(null, null, 0, null), BadRecordPolicy.FAIL, sink);
    assertEquals(3000, sink.docs.size());
    assertEquals(Map.of(), sink.reasons());
  }
}
