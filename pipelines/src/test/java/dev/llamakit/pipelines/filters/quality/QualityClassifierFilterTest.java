package dev.llamakit.pipelines.filters.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityClassifierFilterTest {
  /** An encyclopedic paragraph written for this test, in the style of a Wikipedia article. */
  static final String ARTICLE = """
      The river rises in the northern hills and flows south for about 120 kilometres before it joins the sea near \
      the old harbour town. During the nineteenth century its lower valley was drained and settled, and the \
      population of the district grew rapidly after the railway reached it in 1867. The historian who first \
      described the region noted that the local economy depended on wool, timber and later on coal, which was \
      carried by barge to the coast. In 1912 the county council built a stone bridge across the estuary, and the \
      church of St Mary, rebuilt in the Gothic style, became the centre of the parish.
      The species is found in shallow coastal waters, where it feeds mainly on small fish and crustaceans. It was \
      first described by the naturalist in 1758 and is closely related to several other members of the family.""";

  /** A shop / spam page written for this test. */
  static final String SPAM = """
      Home | Shop | Cart | Login | Register
      BEST DEALS!!! Buy now and save 70% off, free shipping on all orders
      Click here to get your free coupon code today!!! Limited time offer
      Add to cart  Add to wishlist  Compare
      Customers who bought this item also bought: cheap phone cases, LED lights, casino bonus
      Subscribe to our newsletter and win an iPhone! Sign up now
      Copyright 2023 All rights reserved. Privacy policy | Terms of use | Contact us""";

  static DocumentFilter rule;

  @BeforeAll
  static void open() throws Exception {
    rule = FilterRegistry.standard().create("quality_classifier", Map.of());
    rule.open();
  }

  @AfterAll
  static void close() {
    rule.close();
  }

  static Document doc(String text, String lang) {
    Document d = Document.read("d", 0, "http://x/", "2024-01-01", "sha1:x", text.length(), (int) text.lines().count(),
        "x", "t", text, "seg");
    return lang == null ? d : d.withLanguage(new Document.Language(lang, 0.99));
  }

  @Test
  void keepsAnArticleAndDropsASpamPageWithTheShippedModel() {
    Verdict article = rule.apply(doc(ARTICLE, "en"));
    double a = article.signals().number(QualityClassifierFilter.SCORE);
    assertTrue(article.kept(), article.toString());
    assertTrue(a >= 0.25, "article score " + a);
    Verdict spam = rule.apply(doc(SPAM, "en"));
    double s = spam.signals().number(QualityClassifierFilter.SCORE);
    assertFalse(spam.kept(), spam.toString());
    assertEquals(QualityClassifierFilter.QUALITY_BELOW_THRESHOLD, spam.reason());
    assertTrue(spam.detail().contains("P(wiki)") && spam.detail().contains("< 0.25"), spam.detail());
    assertTrue(a > s + 0.3, a + " vs " + s);
  }

  @Test
  void otherLanguagesAndUnknownLanguageAreKeptUnscored() {
    Verdict fr = rule.apply(doc(SPAM, "fr"));
    assertTrue(fr.kept());
    assertEquals("language fr", fr.signals().string(QualityClassifierFilter.SKIPPED));
    assertTrue(Double.isNaN(fr.signals().number(QualityClassifierFilter.SCORE)));
    Verdict none = rule.apply(doc(SPAM, null));
    assertTrue(none.kept());
    assertEquals("no language", none.signals().string(QualityClassifierFilter.SKIPPED));
  }

  @Test
  void emptyLanguagesScoresEverythingAndThresholdZeroOnlyScores() throws Exception {
    DocumentFilter all = FilterRegistry.standard().create("quality_classifier",
        Map.of("languages", List.of(), "threshold", 0));
    all.open();
    try {
      Verdict v = all.apply(doc(SPAM, null));
      assertTrue(v.kept());
      assertNull(v.signals().get(QualityClassifierFilter.SKIPPED));
      assertTrue(v.signals().number(QualityClassifierFilter.SCORE) < 0.25);
    } finally {
      all.close();
    }
  }

  @Test
  void aHigherThresholdDropsMore() throws Exception {
    DocumentFilter strict = FilterRegistry.standard().create("quality_classifier", Map.of("threshold", 1.0));
    strict.open();
    try {
      Verdict v = strict.apply(doc(ARTICLE, "en"));
      assertEquals(QualityClassifierFilter.QUALITY_BELOW_THRESHOLD, v.reason(), v.toString());
    } finally {
      strict.close();
    }
  }

  @Test
  void badParametersAreErrors(@TempDir Path dir) throws Exception {
    FilterRegistry rules = FilterRegistry.standard();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rules.create("quality_classifier", Map.of("threshold", 1.5)));
    assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rules.create("quality_classifier", Map.of("threshold", "high")));
    assertTrue(e.getMessage().contains("'threshold' must be a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rules.create("quality_classifier", Map.of("treshold", 0.3)));
    assertTrue(e.getMessage().contains("did you mean") || e.getMessage().contains("threshold"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rules.create("quality_classifier", Map.of("label", "")));
    assertTrue(e.getMessage().contains("label"), e.getMessage());

    Path missing = dir.resolve("nope.ftz");
    e = assertThrows(IllegalArgumentException.class,
        () -> rules.create("quality_classifier", Map.of("model", missing.toString())));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("not found"), e.getMessage());

    Path text = dir.resolve("model.ftz");
    Files.writeString(text, "this is not a fastText model\n");
    e = assertThrows(IllegalArgumentException.class,
        () -> rules.create("quality_classifier", Map.of("model", text.toString())));
    assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a fastText model"),
        e.getMessage());

    DocumentFilter wrongLabel = rules.create("quality_classifier", Map.of("label", "hq"));
    e = assertThrows(IllegalArgumentException.class, wrongLabel::open);
    assertTrue(e.getMessage().contains("'hq'") && e.getMessage().contains("wiki"), e.getMessage());
  }

  @Test
  void theRuleIsRegisteredWithItsDefaults() {
    Map<String, Object> d = FilterRegistry.standard().defaults("quality_classifier");
    assertEquals("default", d.get("model"));
    assertEquals(0.25, d.get("threshold"));
    assertEquals("wiki", d.get("label"));
    assertEquals(List.of("en"), d.get("languages"));
  }
}
