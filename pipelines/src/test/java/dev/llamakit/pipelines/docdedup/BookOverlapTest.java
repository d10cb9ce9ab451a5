package dev.llamakit.pipelines.docdedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.doc.Document;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Book-level overlap: shingles, covered words, the direction of the rule, the cap, and real books (Project Gutenberg
 * texts in ../shared) and generated ones.
 */
class BookOverlapTest {
  static Document doc(long ordinal, String text) {
    return Document.read("b#" + ordinal, ordinal, null, null, null, text.length(), 0, null, null, text, null);
  }

  @Test
  void wordsAreRunsOfLettersAndDigitsLowerCased() {
    Shingles s = Shingles.of("The cat's 2 HATS -- the CAT'S 2 hats!", 2);
    assertEquals(10, s.words());
    // the cat | cat s | s 2 | 2 hats | hats the | the cat | cat s | s 2 | 2 hats: 9 shingles, 5 distinct
    assertEquals(5, s.distinct());
    int repeated = 0;
    for (int i = 0; i < s.distinct(); i++) {
      if (s.positions(i).length == 2) {
        repeated++;
        assertEquals(5, s.positions(i)[1] - s.positions(i)[0], "a repeat five words later");
      }
    }
    assertEquals(4, repeated);
    assertEquals(0, Shingles.of("only four words here", 5).distinct());
    assertEquals(4, Shingles.of("only four words here", 5).words());
    assertEquals(0, Shingles.of("", 5).words());
    assertEquals(0, Shingles.of(" -- ... !", 1).words());
    assertEquals(Shingles.of("a b c d e", 5).hash(0), Shingles.of("A,  b\nc. D e", 5).hash(0));
  }

  @Test
  void coveredWordsAreTheUnionOfShingleSpans() {
    assertEquals(0, new StartSet().coveredWords(5));
    assertEquals(5, StartSet.of(3).coveredWords(5));
    assertEquals(7, StartSet.of(0, 2).coveredWords(5), "[0,5) and [2,7)");
    assertEquals(10, StartSet.of(5, 0, 5).coveredWords(5), "order and repeats do not matter");
    assertEquals(11, StartSet.of(0, 6).coveredWords(5) + 1);
    StartSet merged = StartSet.of(8, 1);
    merged.addAll(StartSet.of(1, 4));
    assertArrayEquals(new int[] {1, 4, 8}, merged.toArray());
  }

  @Test
  void theShorterOfAPairIsRemovedAndOfEqualOnesTheLater() {
    String book = words(0, 400);
    BookOverlap o = new BookOverlap(5, 0.9, 100);
    Map<Long, BookOverlap.Removal> r = o.inMemory(List.of(doc(1, words(0, 200)), doc(2, book), doc(3, book),
        doc(4, words(1000, 300)))).removals();
    assertEquals(Map.of(1L, new BookOverlap.Removal(1, 2, 1.0), 3L, new BookOverlap.Removal(3, 2, 1.0)), r,
        "the first half goes (overlap 1.0 with the whole), the second copy goes, the first copy and an unrelated "
            + "book stay");
    assertTrue(BookOverlap.outranks(2, 400, 1, 200));
    assertFalse(BookOverlap.outranks(1, 200, 2, 400));
    assertTrue(BookOverlap.outranks(2, 400, 3, 400));
  }

  @Test
  void overlapAtTheThresholdIsKeptAboveIsRemoved() {
    // 100 words, of which the last 10 are not in the big document: overlap exactly 0.9
    String big = words(0, 500);
    String ninety = words(0, 90) + " " + words(5000, 10);
    BookOverlap at = new BookOverlap(5, 0.9, 100);
    BookOverlap.Result r = at.inMemory(List.of(doc(1, big), doc(2, ninety)));
    assertTrue(r.removals().isEmpty(), "0.9 is not more than 0.9");
    BookOverlap below = new BookOverlap(5, 0.89, 100);
    assertEquals(0.9, below.inMemory(List.of(doc(1, big), doc(2, ninety))).removals().get(2L).overlap(), 1e-12);
  }

  @Test
  void shinglesInMoreDocumentsThanTheCapAreIgnored() {
    String text = words(0, 50);
    List<Document> five = List.of(doc(1, text), doc(2, text), doc(3, text), doc(4, text), doc(5, text));
    BookOverlap.Result capped = new BookOverlap(5, 0.9, 4).inMemory(five);
    assertTrue(capped.removals().isEmpty(), "every shingle is in 5 documents > 4");
    assertEquals(46, capped.cappedShingles());
    BookOverlap.Result open = new BookOverlap(5, 0.9, 5).inMemory(five);
    assertEquals(4, open.removals().size());
    for (long d = 2; d <= 5; d++) {
      assertEquals(1L, open.removals().get(d).other(), "each copy names the first as the one it is contained in");
    }
    assertEquals(10, open.pairs(), "5 * 4 / 2 ordered pairs in the outranking direction");
  }

  @Test
  void documentsShorterThanAShingleAreNeverCompared() {
    BookOverlap.Result r = new BookOverlap(5, 0.9, 100).inMemory(
        List.of(doc(1, ""), doc(2, "   \n "), doc(3, "four words are here"), doc(4, "four words are here")));
    assertEquals(4, r.tooShort());
    assertTrue(r.removals().isEmpty());
  }

  @Test
  void badParametersAreErrorsNamingThem() {
    assertEquals("shingle_words must be 1 or more, not 0",
        assertThrows(IllegalArgumentException.class, () -> new BookOverlap(0, 0.9, 100)).getMessage());
    assertEquals("threshold must be at least 0 and below 1, not 1.0",
        assertThrows(IllegalArgumentException.class, () -> new BookOverlap(5, 1.0, 100)).getMessage());
    assertEquals("max_documents_per_shingle must be 2 or more, not 1",
        assertThrows(IllegalArgumentException.class, () -> new BookOverlap(5, 0.9, 1)).getMessage());
  }

  /** Generated books: an edited copy and an excerpt go; a half-and-half mix and an unrelated book stay. */
  @Test
  void generatedBooks() {
    String a = GeneratedBooks.book(1, 20_000);
    String c = GeneratedBooks.book(2, 20_000);
    String edited = GeneratedBooks.edit(a, 0.03, 7);
    String excerpt = a.substring(a.length() / 3, 2 * a.length() / 3);
    String mix = a.substring(0, a.length() / 2) + c.substring(c.length() / 2);
    Map<Long, BookOverlap.Removal> r = new BookOverlap(5, 0.9, 100).inMemory(List.of(
        doc(1, a), doc(2, c), doc(3, edited), doc(4, excerpt), doc(5, mix))).removals();
    assertEquals(List.of(3L, 4L), r.keySet().stream().sorted().toList(), r.toString());
    assertEquals(1L, r.get(4L).other());
    assertEquals(1.0, r.get(4L).overlap(), 1e-12);
    assertEquals(1L, r.get(3L).other());
    assertTrue(r.get(3L).overlap() > 0.93 && r.get(3L).overlap() < 0.98, r.get(3L).toString());
  }

  /** Pride and Prejudice as Project Gutenberg ships it (header, licence footer), and copies of it. */
  @Test
  void gutenbergBookCopiesAndHalves() throws Exception {
    String raw = prideAndPrejudice();
    String[] lines = raw.split("\r?\n", -1);
    String body = String.join("\n", List.of(lines).subList(24, 14561)); // lines 25..14561: the book without PG's text
    String copy = "PRIDE AND PREJUDICE\nby Jane Austen\nA reading edition, typeset from a public-domain text.\n\n"
        + GeneratedBooks.edit(body, 0.05, 11) + "\n\nEnd of this edition. Printed on recycled paper.\n";
    String half = String.join("\n", List.of(lines).subList(24, 24 + (14561 - 24) / 2));
    List<Document> docs = List.of(doc(1, raw), doc(2, copy), doc(3, half), doc(4, alice()));
    Map<Long, BookOverlap.Removal> r = new BookOverlap(5, 0.9, 100).inMemory(docs).removals();
    assertEquals(List.of(2L, 3L), r.keySet().stream().sorted().toList(), r.toString());
    assertEquals(1L, r.get(2L).other(), "the edited copy is shorter than the book with PG's licence: it goes");
    assertTrue(r.get(2L).overlap() > 0.9 && r.get(2L).overlap() < 0.95, r.get(2L).toString());
    assertEquals(new BookOverlap.Removal(3, 1, 1.0), r.get(3L), "the front half is wholly inside the book");

    // every overlap, measured with threshold 0: what the rule compares
    Map<Long, BookOverlap.Removal> all = new BookOverlap(5, 0.0, 100).inMemory(docs).removals();
    assertTrue(all.get(4L).overlap() < 0.1, "Alice shares only common phrases with Pride and Prejudice: " + all.get(4L));
    Map<Long, BookOverlap.Removal> ten = new BookOverlap(10, 0.0, 100).inMemory(docs).removals();
    assertTrue(ten.get(2L).overlap() < 0.9, "with 10-word shingles 5% edits leave less than 0.9: " + ten.get(2L));
    System.out.printf("P&P 5%%-edited copy: overlap %.4f (5-word shingles), %.4f (10-word); Alice %.4f, %.4f%n",
        all.get(2L).overlap(), ten.get(2L).overlap(), all.get(4L).overlap(),
        ten.containsKey(4L) ? ten.get(4L).overlap() : 0.0);
  }

  /** The eight header-stripped Gutenberg books: different books are never removed. */
  @Test
  void differentBooksStay() throws Exception {
    Path dir = SharedFiles.require("data/web/gutenberg/header-stripped");
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("pg")).sorted().toList();
    }
    assertEquals(8, files.size());
    List<Document> docs = new java.util.ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      docs.add(doc(i + 1, Files.readString(files.get(i), StandardCharsets.UTF_8)));
    }
    BookOverlap.Result r = new BookOverlap(5, 0.0, 100).inMemory(docs);
    double max = r.removals().values().stream().mapToDouble(BookOverlap.Removal::overlap).max().orElse(0);
    assertTrue(max < 0.1, "largest overlap between different books " + max);
    assertTrue(new BookOverlap(5, 0.9, 100).inMemory(docs).removals().isEmpty());
  }

  static String prideAndPrejudice() throws Exception {
    Path f = SharedFiles.require("data/web/gutenberg/pg1342_pride_and_prejudice_with_pg_header.txt");
    return Files.readString(f, Charset.forName("windows-1252"));
  }

  static String alice() throws Exception {
    return Files.readString(SharedFiles.require("data/web/gutenberg/header-stripped/pg11.txt"), StandardCharsets.UTF_8);
  }

  /** {@code n} distinct made-up words starting at {@code from}: "w0 w1 w2 ...". */
  static String words(int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + n; i++) {
      sb.append(i == from ? "" : " ").append('w').append(i);
    }
    return sb.toString();
  }
}
