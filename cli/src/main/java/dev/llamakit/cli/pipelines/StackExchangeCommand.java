package dev.llamakit.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code llamakit pipeline stackexchange}: the {@code stackexchange} preset. */
@Command(name = "stackexchange", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"StackExchange for LLaMA's mix: each question of a site dump's Posts.xml with its answers, best",
      "first, HTML removed; language recorded; exact duplicates removed. See `llamakit pipeline recipes stackexchange`."},
    footer = {"", "Examples:",
      "  llamakit pipeline stackexchange dumps/coffee.stackexchange.com/Posts.xml -o out/se",
      "  llamakit pipeline stackexchange Posts.xml -o out/se "
          + "--set 'read.format_params={site: coffee.stackexchange.com, min_answers: 1, min_answer_score: 0}'"})
public final class StackExchangeCommand extends PresetShortcut {
  public StackExchangeCommand() {
    super("stackexchange");
  }
}
