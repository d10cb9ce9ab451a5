package dev.llamakit.pipelines.filters.books;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GutenbergFilterTest {
  private static final GutenbergFilter RULE = new GutenbergFilter(new GutenbergFilter.Params());

  @Test
  void currentMarkersHeaderAndLicence() {
    String book = String.join("\n",
        "The Project Gutenberg eBook of A Tale of Two Cities",
        "",
        "Title: A Tale of Two Cities",
        "        A Story of the French Revolution",
        "",
        "Author: Charles Dickens",
        "",
        "Release date: January 1, 1994 [eBook #98]",
        "",
        "Language: English",
        "",
        "*** START OF THE PROJECT GUTENBERG EBOOK A TALE OF TWO CITIES ***",
        "",
        "",
        "Book the First--Recalled to Life",
        "",
        "CHAPTER I.",
        "The Period",
        "",
        "It was the best of times, it was the worst of times.",
        "",
        "*** END OF THE PROJECT GUTENBERG EBOOK A TALE OF TWO CITIES ***",
        "",
        "Updating editions will replace the previous one.",
        "START: FULL LICENSE");
    Verdict v = RULE.apply(Docs.of(book));
    Document d = v.changed();
    assertEquals("Book the First--Recalled to Life\n\nCHAPTER I.\nThe Period\n\n"
        + "It was the best of times, it was the worst of times.", d.rawContent());
    assertEquals(6, d.nlines());
    assertEquals("98", d.signals().string("gutenberg_id"));
    assertEquals("A Tale of Two Cities A Story of the French Revolution", d.signals().string("book_title"));
    assertEquals("A Tale of Two Cities A Story of the French Revolution", d.title());
    assertEquals("Charles Dickens", d.signals().string("book_author"));
    assertEquals("English", d.signals().string("book_language"));
    assertEquals(12L, ((Number) v.signals().get("gutenberg_header_lines")).longValue());
  }

  @Test
  void olderVariants() {
    String small = String.join("\n",
        "The Project Gutenberg Etext of Moby Dick, by Herman Melville",
        "[Etext #15]",
        "**The Project Gutenberg Etext of Moby Dick**",
        "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*",
        "",
        "Call me Ishmael.",
        "",
        "End of The Project Gutenberg Etext of Moby Dick");
    Document d = RULE.apply(Docs.of(small)).changed();
    assertEquals("Call me Ishmael.", d.rawContent());
    assertEquals("15", d.signals().string("gutenberg_id"));
    assertEquals("Moby Dick", d.signals().string("book_title"));
    assertEquals("Herman Melville", d.signals().string("book_author"));

    String stars = String.join("\n",
        "***START OF THE PROJECT GUTENBERG EBOOK ALICE***",
        "Down the Rabbit-Hole",
        "End of Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll",
        "***END OF THE PROJECT GUTENBERG EBOOK ALICE***",
        "licence");
    assertEquals("Down the Rabbit-Hole", RULE.apply(Docs.of(stars)).changed().rawContent());

    String noEnd = "*** START OF THIS PROJECT GUTENBERG EBOOK X ***\n\nBody only.\n";
    Document e = RULE.apply(Docs.of(noEnd)).changed();
    assertEquals("Body only.", e.rawContent());
    assertNull(e.signals().get("gutenberg_id"));
  }

  @Test
  void noMarkersKeptOrDroppedAndEmptyBodyDropped() {
    Document plain = Docs.of("CHAPTER I\n\nA book from elsewhere (Books3).");
    assertSame(Verdict.keep(), RULE.apply(plain));
    GutenbergFilter.Params strict = new GutenbergFilter.Params();
    strict.requireMarkers = true;
    assertEquals(GutenbergFilter.NO_MARKERS, new GutenbergFilter(strict).apply(plain).reason());
    Verdict empty = RULE.apply(Docs.of("*** START OF THE PROJECT GUTENBERG EBOOK X ***\n  \n\n"
        + "*** END OF THE PROJECT GUTENBERG EBOOK X ***\nlicence"));
    assertEquals(GutenbergFilter.EMPTY_BODY, empty.reason());
    assertEquals("nothing between the start marker (line 1) and the end marker (line 4)", empty.detail());
    // a line that merely mentions the project in the body is no marker
    Document mention = Docs.of("*** START OF THE PROJECT GUTENBERG EBOOK X ***\nHe read a Project Gutenberg book.\n"
        + "*** END OF THE PROJECT GUTENBERG EBOOK X ***");
    assertEquals("He read a Project Gutenberg book.", RULE.apply(mention).changed().rawContent());
  }

  /** The raw 2023 Pride and Prejudice, read by the text format: the body is lines 25..14561 (PROVENANCE.txt). */
  @Test
  void prideAndPrejudiceGolden() throws Exception {
    Path f = SharedFiles.require("data/web/gutenberg/pg1342_pride_and_prejudice_with_pg_header.txt");
    List<Document> docs = new ArrayList<>();
    try (InputStream in = Files.newInputStream(f)) {
      CorpusFormats.standard().create("text", Map.of()).reader(ReadOptions.defaults()).read(in, "pg1342.txt", "s", 0,
          new RecordSink() {
            @Override
            public void document(Document d) {
              docs.add(d);
            }

            @Override
            public void drop(dev.llamakit.pipelines.doc.Drop d) {
              throw new AssertionError(d.toString());
            }
          });
    }
    String whole = new String(Files.readAllBytes(f), Charset.forName("windows-1252")).replace("\r\n", "\n");
    List<String> lines = Arrays.asList(whole.split("\n", -1));
    List<String> body = new ArrayList<>(lines.subList(24, 14561));
    while (body.get(0).isBlank()) {
      body.remove(0);
    }
    while (body.get(body.size() - 1).isBlank()) {
      body.remove(body.size() - 1);
    }
    Document d = RULE.apply(docs.get(0)).changed();
    assertEquals(String.join("\n", body), d.rawContent());
    assertFalse(d.rawContent().contains("PROJECT GUTENBERG"));
    assertEquals("1342", d.signals().string("gutenberg_id"));
    assertEquals("Pride and Prejudice", d.signals().string("book_title"));
    assertEquals("Jane Austen", d.signals().string("book_author"));
    assertEquals("English", d.signals().string("book_language"));
    assertEquals("windows-1252", d.signals().string("charset"));
  }

  @Test
  void headerStrippedBooksPassUnchanged() throws Exception {
    Path dir = SharedFiles.require("data/web/gutenberg/header-stripped");
    for (String name : List.of("pg11.txt", "pg5200.txt")) {
      String text = Files.readString(dir.resolve(name)).replace("\r\n", "\n");
      assertSame(Verdict.keep(), RULE.apply(Docs.of(text)), name);
    }
  }
}
