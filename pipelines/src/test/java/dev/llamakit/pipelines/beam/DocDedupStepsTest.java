package dev.llamakit.pipelines.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.recipes.CorpusSteps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * dedup_exact, dedup_urls and dedup_books on crafted documents: the golden outcome (kept documents, drop reasons and
 * details), and the Beam transform on the DirectRunner giving exactly what the in-memory form gives.
 */
class DocDedupStepsTest {
  static Document doc(long ordinal, String url, String date, String content) {
    return new Document("f#" + ordinal, ordinal, url, date, null, 0, 0, null, "", content, null, null, null, null,
        null, null);
  }

  static String describe(Item i) {
    return i.isDrop() ? i.drop().id() + " " + i.drop().reason() + " " + i.drop().detail() : i.document().id() + " kept";
  }

  static CorpusStep step(String name, Map<String, Object> params) {
    return CorpusSteps.standard().create(name, params);
  }

  /** Both forms of {@code step} on {@code docs} give {@code expected} (one line per document, any order). */
  static void assertOutcome(CorpusStep step, List<Document> docs, String... expected) {
    List<String> want = new ArrayList<>(List.of(expected));
    Collections.sort(want);
    List<Item> memory = step.inMemory(docs);
    assertEquals(docs.size(), memory.size(), "one item per document");
    for (int i = 0; i < docs.size(); i++) {
      Item it = memory.get(i);
      assertEquals(docs.get(i).id(), it.isDrop() ? it.drop().id() : it.document().id(), "in input order");
    }
    List<String> got = new ArrayList<>(memory.stream().map(DocDedupStepsTest::describe).toList());
    Collections.sort(got);
    assertEquals(want, got, "in memory");

    Pipeline p = StepsTest.pipeline();
    List<Item> in = new ArrayList<>(docs.stream().map(Item::of).toList());
    in.add(Item.dropped(new dev.llamakit.pipelines.doc.Drop("f#earlier", null,
        dev.llamakit.pipelines.doc.DropReason.TOO_SHORT, "dropped before")));
    PCollection<String> out = p.apply(Create.of(in).withCoder(Coders.ItemCoder.of()))
        .apply(step.transform())
        .apply(MapElements.into(TypeDescriptors.strings()).via(DocDedupStepsTest::describe));
    List<String> withEarlier = new ArrayList<>(want);
    withEarlier.add("f#earlier TOO_SHORT dropped before");
    PAssert.that(out).containsInAnyOrder(withEarlier);
    p.run().waitUntilFinish();
  }

  @Test
  void exactKeepsTheFirstOfEachNormalisedContent() {
    List<Document> docs = List.of(
        doc(9, null, null, "The river flows past the mill."),           // same as 2 after whitespace collapsing
        doc(2, null, null, "The river  flows\npast the mill. "),
        doc(3, null, null, "the river flows past the mill."),           // case differs: kept by default
        doc(4, null, null, ""),                                         // empty: passes
        doc(5, null, null, " \n\t"),                                    // empty after normalisation: passes
        doc(6, null, null, "Cafe\u0301 au lait"),
        doc(7, null, null, "Café au lait"),                             // NFC-equal to 6
        doc(8, null, null, "The river flows past the mill."));
    assertOutcome(step("dedup_exact", Map.of()), docs,
        "f#2 kept", "f#9 EXACT_DUPLICATE duplicate of f#2", "f#8 EXACT_DUPLICATE duplicate of f#2",
        "f#3 kept", "f#4 kept", "f#5 kept", "f#6 kept", "f#7 EXACT_DUPLICATE duplicate of f#6");
  }

  @Test
  void exactOptions() {
    List<Document> docs = List.of(doc(1, null, null, "The River"), doc(2, null, null, "the  river"),
        doc(3, null, null, "ﬁne"), doc(4, null, null, "fine"));
    assertOutcome(step("dedup_exact", Map.of("lowercase", true, "unicode", "nfkc")), docs,
        "f#1 kept", "f#2 EXACT_DUPLICATE duplicate of f#1", "f#3 kept", "f#4 EXACT_DUPLICATE duplicate of f#3");
    assertOutcome(step("dedup_exact", Map.of("collapse_whitespace", false, "lowercase", true)), docs,
        "f#1 kept", "f#2 kept", "f#3 kept", "f#4 kept");
  }

  @Test
  void urlsKeepFirstLongestOrNewest() {
    List<Document> docs = List.of(
        doc(1, "http://a.example/news/", "2019-03-18T10:00:00Z", "short"),
        doc(2, "HTTP://A.example:80/news?utm_source=feed#top", "2019-03-20T10:00:00Z", "the longest of the three"),
        doc(3, "http://a.example/news", "2019-03-19T10:00:00Z", "middle one"),
        doc(4, null, null, "no url"),
        doc(5, "  ", null, "blank url"),
        doc(6, "https://a.example/news", null, "https is another URL by default"));
    String url = " (http://a.example/news)";
    assertOutcome(step("dedup_urls", Map.of()), docs,
        "f#1 kept", "f#2 DUPLICATE_URL same URL as f#1" + url, "f#3 DUPLICATE_URL same URL as f#1" + url,
        "f#4 kept", "f#5 kept", "f#6 kept");
    assertOutcome(step("dedup_urls", Map.of("keep", "longest")), docs,
        "f#2 kept", "f#1 DUPLICATE_URL same URL as f#2" + url, "f#3 DUPLICATE_URL same URL as f#2" + url,
        "f#4 kept", "f#5 kept", "f#6 kept");
    assertOutcome(step("dedup_urls", Map.of("keep", "newest", "ignore_scheme", true)), docs,
        "f#2 kept", "f#1 DUPLICATE_URL same URL as f#2 (a.example/news)",
        "f#3 DUPLICATE_URL same URL as f#2 (a.example/news)", "f#6 DUPLICATE_URL same URL as f#2 (a.example/news)",
        "f#4 kept", "f#5 kept");
  }

  @Test
  void urlsTieOnLengthGoesToTheFirst() {
    List<Document> docs = List.of(doc(7, "http://b.example/", null, "same length"),
        doc(3, "http://b.example", null, "same-length"));
    assertOutcome(step("dedup_urls", Map.of("keep", "longest")), docs,
        "f#3 kept", "f#7 DUPLICATE_URL same URL as f#3 (http://b.example)");
  }

  @Test
  void booksDropTheContainedAndTheLaterCopy() {
    String book = words(0, 300);
    List<Document> docs = List.of(
        doc(1, null, null, words(0, 150)),                       // the first half of the book
        doc(2, null, null, book),
        doc(3, null, null, book.replace("w10 ", "CHANGED ")),   // one word changed: 295 of 300 words covered
        doc(4, null, null, words(100, 300)),                     // overlaps the book by 200 of 300 words
        doc(5, null, null, "too short"),
        doc(6, null, null, ""));
    assertOutcome(step("dedup_books", Map.of()), docs,
        "f#1 BOOK_OVERLAP overlap 1.0000 with f#2", "f#2 kept", "f#3 BOOK_OVERLAP overlap 0.9967 with f#2",
        "f#4 kept", "f#5 kept", "f#6 kept");
    assertOutcome(step("dedup_books", Map.of("threshold", 0.6)), docs,
        "f#1 BOOK_OVERLAP overlap 1.0000 with f#2", "f#2 kept", "f#3 BOOK_OVERLAP overlap 0.9967 with f#2",
        "f#4 BOOK_OVERLAP overlap 0.6667 with f#2", "f#5 kept", "f#6 kept");
  }

  @Test
  void booksCapIgnoresCommonShingles() {
    String text = words(0, 40);
    List<Document> docs = List.of(doc(1, null, null, text), doc(2, null, null, text), doc(3, null, null, text));
    assertOutcome(step("dedup_books", Map.of("max_documents_per_shingle", 2)), docs, "f#1 kept", "f#2 kept",
        "f#3 kept");
    assertOutcome(step("dedup_books", Map.of("max_documents_per_shingle", 3)), docs, "f#1 kept",
        "f#2 BOOK_OVERLAP overlap 1.0000 with f#1", "f#3 BOOK_OVERLAP overlap 1.0000 with f#1");
  }

  @Test
  void badParametersNameTheStepAndTheValue() {
    assertEquals("step 'dedup_exact': keep must be first, longest or newest, not 'last'",
        assertThrows(IllegalArgumentException.class, () -> step("dedup_exact", Map.of("keep", "last"))).getMessage());
    assertEquals("step 'dedup_books': threshold must be at least 0 and below 1, not 90.0",
        assertThrows(IllegalArgumentException.class, () -> step("dedup_books", Map.of("threshold", 90)))
            .getMessage());
    assertEquals("step 'dedup_urls': /no/such/params.txt: no such file",
        assertThrows(IllegalArgumentException.class,
            () -> step("dedup_urls", Map.of("tracking_params", "/no/such/params.txt"))).getMessage());
  }

  static String words(int from, int n) {
    String[] w = new String[n];
    Arrays.setAll(w, i -> "w" + (from + i));
    return String.join(" ", w);
  }
}
