package dev.llamakit.pipelines.filters.wikipedia;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the Wikipedia pages of the selected languages, by the {@code wiki_language} signal the {@code wikipedia}
 * format takes from the dump's {@code dbname}. The default list is LLaMA's 20 languages ("bg, ca, cs, da, de, en, es,
 * fr, hr, hu, it, nl, pl, pt, ro, ru, sl, sr, sv, uk"); an empty list keeps every language. A page of another
 * language, or without a {@code wiki_language} (not read from a dump), is dropped as
 * {@code WIKIPEDIA_LANGUAGE_NOT_SELECTED}.
 */
public final class WikiLanguageFilter implements DocumentFilter {
  public static final DropReason NOT_SELECTED = DropReason.of("WIKIPEDIA_LANGUAGE_NOT_SELECTED");

  /** LLaMA's 20 Wikipedia languages (the paper, section 2). */
  public static final List<String> LLAMA = List.of("bg", "ca", "cs", "da", "de", "en", "es", "fr", "hr", "hu", "it",
      "nl", "pl", "pt", "ro", "ru", "sl", "sr", "sv", "uk");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** The Wikipedia languages kept (dump dbname without "wiki"); empty keeps all. */
    public List<String> languages = new ArrayList<>(LLAMA);
  }

  private final Set<String> languages;

  public WikiLanguageFilter(Params p) {
    this.languages = p.languages == null ? Set.of() : Set.copyOf(p.languages);
  }

  @Override
  public Verdict apply(Document d) {
    if (languages.isEmpty()) {
      return Verdict.keep();
    }
    Object lang = d.signals().get("wiki_language");
    if (lang == null) {
      return Verdict.drop(NOT_SELECTED, "no wiki_language (not read from a Wikipedia dump with a dbname)");
    }
    return languages.contains(lang.toString()) ? Verdict.keep()
        : Verdict.drop(NOT_SELECTED, "language '" + lang + "' is not one of " + languages.size() + " selected");
  }
}
