package dev.llamakit.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code llamakit pipeline github}: the {@code github} preset (LLaMA's GitHub rules as RPv1 rebuilt them). */
@Command(name = "github", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"LLaMA's GitHub data: keep Apache/BSD/MIT files, RPv1's extensions and line/alphanumeric/token "
        + "limits, drop generated and data files, remove licence headers, exact file dedup (preset 'github').",
        "Input: JSONL of files (repo_name, path, license, content), or folders / git checkouts with "
            + "--set read.format=code."},
    footer = {"", "Examples:", "  llamakit pipeline github files.jsonl.gz -o out/",
        "  llamakit pipeline github --set read.format=code checkouts/zlib checkouts/requests -o out/"})
public final class GithubCommand extends PresetShortcut {
  public GithubCommand() {
    super("github");
  }
}
