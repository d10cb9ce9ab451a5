package dev.llamakit.pipelines.filters.github;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.io.Resources;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a source file's licence header (a cleaning rule: keeps a changed copy). Two kinds of header are looked
 * for, as RPv1's {@code clean_copyright_comments} does: the run of leading line comments (after a {@code #!}
 * shebang, which stays), and the first {@code /* ... *}{@code /} block within the first {@code head_lines} (100)
 * lines. Either is removed — with the blank lines after it — when it matches one of the licence patterns of
 * {@code header-patterns.tsv} (copyright, licensed, SPDX-License-Identifier, ...).
 *
 * <p>Differences from RPv1, on purpose: RPv1 removes every leading line that starts with {@code //}, {@code #} or
 * {@code --} whether or not it is a licence, so it strips {@code #include}/{@code #define} lines from C files, a
 * shebang, Markdown headings and ordinary comments; here only a comment block that is a licence goes, and
 * preprocessor lines and shebangs are never comments. Signal: {@code license_header_chars} (code points removed).
 */
public final class GithubLicenseHeaderFilter implements DocumentFilter {
  private static final Pattern BLOCK = Pattern.compile("/\\*[^*]*\\*+(?:[^/*][^*]*\\*+)*/");

  /** The rule's parameters. */
  public static final class Params implements Serializable {
    /** How many leading lines are searched for a block comment (RPv1: 100). */
    public int headLines = 100;
    /** The table of comment marks and licence patterns. */
    public String patterns = "header-patterns.tsv";
  }

  private final int headLines;
  private final List<String> lineMarks = new ArrayList<>();
  private final List<String> notComments = new ArrayList<>();
  private final Pattern licence;

  public GithubLicenseHeaderFilter(Params p) {
    this.headLines = p.headLines;
    List<String> licences = new ArrayList<>();
    for (String line : Resources.tableLines(GithubLicenseHeaderFilter.class, "/dev/llamakit/pipelines/code/"
        + p.patterns)) {
      String[] f = line.split("\t", 2);
      if (f.length != 2) {
        throw new IllegalArgumentException(p.patterns + ": not 'kind<tab>value': " + line);
      }
      switch (f[0]) {
        case "line" -> lineMarks.add(f[1]);
        case "licence" -> licences.add("(?:" + f[1] + ")");
        case "not-comment" -> notComments.add(f[1]);
        default -> throw new IllegalArgumentException(p.patterns + ": unknown kind '" + f[0] + "'");
      }
    }
    this.licence = Pattern.compile(String.join("|", licences), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    String out = stripLeadingLineComments(text);
    out = stripBlockComment(out);
    if (out.equals(text)) {
      return Verdict.keep().signal("license_header_chars", 0L);
    }
    long removed = PyText.len(text) - PyText.len(out);
    int nlines = out.isEmpty() ? 0 : out.split("\n", -1).length;
    return Verdict.keep(d.withContent(out, nlines, PyText.len(out))).signal("license_header_chars", removed);
  }

  private String stripLeadingLineComments(String text) {
    int start = 0;
    if (text.startsWith("#!")) {
      int nl = text.indexOf('\n');
      if (nl < 0) {
        return text;
      }
      start = nl + 1;
    }
    int pos = start;
    int end = start;
    boolean anyComment = false;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int lineEnd = nl < 0 ? text.length() : nl;
      String line = text.substring(pos, lineEnd).strip();
      if (line.isEmpty()) {
        pos = nl < 0 ? text.length() : nl + 1;
        end = pos;
        continue;
      }
      if (!isLineComment(line)) {
        break;
      }
      anyComment = true;
      pos = nl < 0 ? text.length() : nl + 1;
      end = pos;
    }
    if (!anyComment || !licence.matcher(text.substring(start, end)).find()) {
      return text;
    }
    return text.substring(0, start) + text.substring(end);
  }

  private boolean isLineComment(String stripped) {
    for (String n : notComments) {
      if (stripped.startsWith(n)) {
        return false;
      }
    }
    for (String m : lineMarks) {
      if (stripped.startsWith(m)) {
        return true;
      }
    }
    return false;
  }

  private String stripBlockComment(String text) {
    int pos = 0;
    for (int i = 0; i < headLines && pos >= 0; i++) {
      int nl = text.indexOf('\n', pos);
      pos = nl < 0 ? -1 : nl + 1;
    }
    String head = pos < 0 ? text : text.substring(0, pos);
    Matcher m = BLOCK.matcher(head);
    if (!m.find() || !licence.matcher(head.substring(m.start(), m.end())).find()) {
      return text;
    }
    int end = m.end();
    while (end < text.length() && (text.charAt(end) == '\n' || text.charAt(end) == '\r' || text.charAt(end) == ' '
        || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(0, m.start()) + text.substring(end);
  }
}
