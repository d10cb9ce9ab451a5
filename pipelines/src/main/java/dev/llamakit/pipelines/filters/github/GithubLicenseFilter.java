package dev.llamakit.pipelines.filters.github;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * LLaMA's licence rule for GitHub ("we kept only projects that are distributed under the Apache, BSD and MIT
 * licenses"), as RPv1's BigQuery selection spells it: the {@code license} signal, lower-cased, starts with one of
 * {@code allowed} ({@code LIKE 'mit%' OR 'bsd%' OR 'apache%'}). A licence list (The Stack's) is kept only when every
 * licence in it is allowed. No licence is {@code GITHUB_NO_LICENSE}; another licence
 * {@code GITHUB_LICENSE_NOT_ALLOWED}.
 */
public final class GithubLicenseFilter implements DocumentFilter {
  public static final DropReason NO_LICENSE = DropReason.of("GITHUB_NO_LICENSE");
  public static final DropReason NOT_ALLOWED = DropReason.of("GITHUB_LICENSE_NOT_ALLOWED");

  /** The rule's parameters. */
  public static final class Params implements Serializable {
    /** Licence prefixes kept, compared in lower case (RPv1: mit, bsd, apache). */
    public List<String> allowed = List.of("mit", "bsd", "apache");
    /** The signal holding the licence. */
    public String field = "license";
  }

  private final List<String> allowed;
  private final String field;

  public GithubLicenseFilter(Params p) {
    if (p.allowed == null || p.allowed.isEmpty()) {
      throw new IllegalArgumentException("allowed must name at least one licence prefix");
    }
    this.allowed = p.allowed.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    this.field = p.field;
  }

  @Override
  public Verdict apply(Document d) {
    Object v = d.signals().get(field);
    List<?> licences = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v.toString());
    if (licences.isEmpty() || licences.stream().allMatch(x -> x.toString().isBlank())) {
      return Verdict.drop(NO_LICENSE, "no " + field);
    }
    for (Object l : licences) {
      if (!allowed(l.toString())) {
        return Verdict.drop(NOT_ALLOWED, l + " is none of " + String.join(", ", allowed));
      }
    }
    return Verdict.keep();
  }

  private boolean allowed(String licence) {
    String l = licence.strip().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (l.startsWith(a)) {
        return true;
      }
    }
    return false;
  }
}
