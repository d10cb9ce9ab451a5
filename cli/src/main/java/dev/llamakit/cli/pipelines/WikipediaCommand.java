package dev.llamakit.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code llamakit pipeline wikipedia}: the {@code wikipedia} preset (dumps to plain-text articles). */
@Command(name = "wikipedia", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Turn MediaWiki XML dumps into plain-text articles the way LLaMA's Wikipedia share was made:",
      "namespace 0, redirects dropped, LLaMA's 20 languages, links' labels kept, templates, tables, references and",
      "formatting removed. The shortcut of `llamakit pipeline run wikipedia`."},
    footer = {"", "Examples:", "  llamakit pipeline wikipedia dewiki-20230320-pages-articles-multistream.xml.bz2 -o out/wiki",
      "  llamakit pipeline wikipedia dumps/ -o out/wiki --set wiki_language.languages=[en,fr]"})
public final class WikipediaCommand extends PresetShortcut {
  public WikipediaCommand() {
    super("wikipedia");
  }
}
