package dev.llamakit.pipelines.filters.c4;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * C4's bad-words filter (tfds {@code c4_utils.get_badwords_filter_fn}): a page whose lower-cased text contains an
 * entry of the LDNOOBW list of its language as a whole word is dropped ({@code C4_BAD_WORDS}); for {@code ja, th,
 * zh} any occurrence counts. C4 (English) used the {@code en} list. With {@code use_document_language} the list is
 * that of the document's identified language (a document without one, or whose language has no list, is kept).
 * tfds's {@code filter_fraction} (keep a hashed-URL share of bad pages) is not offered: every match is dropped.
 */
public final class C4BadWordsFilter implements DocumentFilter {
  public static final DropReason BAD_WORDS = DropReason.of("C4_BAD_WORDS");

  /** LDNOOBW lists bundled under {@code c4/ldnoobw/}. */
  static final List<String> LANGUAGES = List.of("ar", "cs", "da", "de", "en", "eo", "es", "fa", "fi", "fil", "fr",
      "fr-CA-u-sd-caqc", "hi", "hu", "it", "ja", "kab", "ko", "nl", "no", "pl", "pt", "ru", "sv", "th", "tlh", "tr",
      "zh");
  private static final Set<String> NO_BOUNDARIES = Set.of("ja", "th", "zh");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** The list used when {@code use_document_language} is off (C4: {@code en}). */
    public String language = "en";
    /** Use the list of the document's identified language (the {@code language} step) instead. */
    public boolean useDocumentLanguage = false;
  }

  private final String language;
  private final boolean useDocumentLanguage;
  private transient Map<String, BadWordMatcher> matchers;

  public C4BadWordsFilter(Params p) {
    if (!LANGUAGES.contains(p.language)) {
      throw new IllegalArgumentException("no bad-words list for language '" + p.language + "'; lists: "
          + String.join(", ", LANGUAGES));
    }
    this.language = p.language;
    this.useDocumentLanguage = p.useDocumentLanguage;
    this.matchers = load();
  }

  private Map<String, BadWordMatcher> load() {
    Map<String, BadWordMatcher> m = new HashMap<>();
    for (String lang : useDocumentLanguage ? LANGUAGES : List.of(language)) {
      m.put(lang, new BadWordMatcher(WordList.read("ldnoobw/" + lang, false), !NO_BOUNDARIES.contains(lang)));
    }
    return m;
  }

  @Override
  public void open() {
    if (matchers == null) {
      matchers = load();
    }
  }

  @Override
  public Verdict apply(Document d) {
    String lang = language;
    if (useDocumentLanguage) {
      lang = d.language() == null ? null : d.language().label();
    }
    BadWordMatcher m = lang == null ? null : matchers().get(lang);
    if (m == null) {
      return Verdict.keep().signal("c4_bad_words", false);
    }
    String found = m.find(d.rawContent().toLowerCase(Locale.ROOT));
    return found == null ? Verdict.keep().signal("c4_bad_words", false)
        : Verdict.drop(BAD_WORDS, "contains an entry of the '" + lang + "' list").signal("c4_bad_words", true);
  }

  private Map<String, BadWordMatcher> matchers() {
    Map<String, BadWordMatcher> m = matchers;
    if (m == null) {
      open();
      m = matchers;
    }
    return m;
  }
}
