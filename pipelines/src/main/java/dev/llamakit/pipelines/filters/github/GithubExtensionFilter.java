package dev.llamakit.pipelines.filters.github;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.io.Resources;
import java.io.Serializable;
import java.util.List;

/**
 * RPv1's extension whitelist: a file is kept only when its {@code path} signal ends with one of the 66 entries of
 * {@code extensions.tsv} (Python's {@code str.endswith}, case-sensitive, so {@code Dockerfile} and
 * {@code Makefile} match whole names and {@code .C}/{@code .H} are C++). Others are
 * {@code GITHUB_EXTENSION_NOT_ALLOWED}; a file without a path is {@code GITHUB_NO_PATH}. RPv1 also skipped
 * {@code *.crt} files and a root {@code LICENSE}: neither is on the whitelist, so this rule drops both.
 */
public final class GithubExtensionFilter implements DocumentFilter {
  public static final DropReason NOT_ALLOWED = DropReason.of("GITHUB_EXTENSION_NOT_ALLOWED");
  public static final DropReason NO_PATH = DropReason.of("GITHUB_NO_PATH");

  /** The rule's parameters. */
  public static final class Params implements Serializable {
    /** Path endings kept; empty for the table {@code extensions.tsv} (RPv1's list). */
    public List<String> extensions = List.of();
  }

  private final List<String> endings;

  public GithubExtensionFilter(Params p) {
    this.endings = p.extensions == null || p.extensions.isEmpty()
        ? List.copyOf(Resources.tableLines(GithubExtensionFilter.class, "/dev/llamakit/pipelines/code/extensions.tsv")
            .stream().map(String::strip).toList())
        : List.copyOf(p.extensions);
  }

  @Override
  public Verdict apply(Document d) {
    String path = d.signals().string("path");
    if (path == null) {
      return Verdict.drop(NO_PATH, "no path");
    }
    for (String e : endings) {
      if (path.endsWith(e)) {
        return Verdict.keep();
      }
    }
    return Verdict.drop(NOT_ALLOWED, path + " ends with none of the " + endings.size() + " extensions");
  }
}
