package dev.llamakit.pipelines.wikitext;

import dev.llamakit.pipelines.io.Resources;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wikitext to plain text, as LLaMA's Wikipedia data was made ("we remove hyperlinks, comments and other formatting
 * boilerplate"), in this order: HTML comments; references ({@code <ref>…</ref>}, {@code <ref …/>},
 * {@code <references/>}) and the other invisible tags' content ({@code gallery}, {@code math} and {@code chem} are
 * kept as their source); templates and parser functions ({@code {{…}}}, nested) and template parameters
 * ({@code {{{…}}}}); tables ({@code {|…|}}, nested); links — {@code [[target|label]]} becomes its label,
 * {@code [[target]]} its target (a link trail stays: {@code [[apple]]s} → {@code apples}), file, image and category
 * links and interlanguage links ({@code hidden-link-prefixes.txt}) go whole, captions included; external links
 * {@code [url label]} become the label, {@code [url]} nothing; the remaining HTML tags (their content stays); bold and
 * italic quotes; magic words ({@code __TOC__}); headings {@code == H ==} become the line {@code H}; list and
 * indentation markers ({@code * # : ;}) at line starts go; horizontal rules go; common character entities are
 * decoded; lines are stripped, runs of blank lines become one.
 *
 * <p>Linear in the text: every construct is matched by a scan with a depth counter, never a backtracking regex over
 * nested markup; an unclosed {@code {{}, {@code [[} or {@code {|} stays as literal text, as MediaWiki renders it.
 *
 * <pre>{@code
 * String text = WikitextCleaner.standard().clean("'''Paris''' is the [[capital city|capital]] of [[France]].{{cn}}");
 * // "Paris is the capital of France."
 * }</pre>
 */
public final class WikitextCleaner {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|\\z)", Pattern.DOTALL);
  private static final Pattern REF = Pattern.compile(
      "<ref\\b[^>/]*/\\s*>|<ref\\b[^>]*>.*?</ref\\s*>|<references\\b[^>]*/\\s*>|<references\\b[^>]*>.*?</references\\s*>",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INVISIBLE = Pattern.compile(
      "<(gallery|imagemap|timeline|score|graph|templatedata|noinclude)\\b[^>]*>.*?</\\1\\s*>",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*\\b[^<>]*?/?>");
  private static final Pattern EXTERNAL = Pattern.compile("\\[(?:https?:|ftp:|mailto:|//)[^\\s\\]]*(?:\\s+([^\\]]*))?]");
  private static final Pattern BOLD_ITALIC = Pattern.compile("'{2,5}");
  private static final Pattern MAGIC = Pattern.compile("__[A-Z]+__");
  private static final Pattern HEADING = Pattern.compile("^(={1,6})\\s*(.*?)\\s*\\1\\s*$");
  private static final Pattern ENTITY = Pattern.compile("&(nbsp|amp|lt|gt|quot|ndash|mdash|minus|thinsp|hellip|#\\d+|#x[0-9a-fA-F]+);");

  private static volatile WikitextCleaner standard;

  private final Set<String> files;
  private final Set<String> categories;
  private final Set<String> languages;
  private final boolean categoryNames;

  private WikitextCleaner(Set<String> files, Set<String> categories, Set<String> languages, boolean categoryNames) {
    this.files = files;
    this.categories = categories;
    this.languages = languages;
    this.categoryNames = categoryNames;
  }

  /**
   * This cleaner, but category links become their category's name as text (the HF {@code wikipedia} builder's way,
   * which RedPajama used: "Camelids" for {@code [[Category:Camelids]]}) instead of going.
   */
  public WikitextCleaner withCategoryNames() {
    return new WikitextCleaner(files, categories, languages, true);
  }

  /** The cleaner with the bundled link-prefix table. */
  public static WikitextCleaner standard() {
    WikitextCleaner c = standard;
    if (c == null) {
      Set<String> files = new HashSet<>();
      Set<String> cats = new HashSet<>();
      Set<String> langs = new HashSet<>();
      for (String line : Resources.tableLines(WikitextCleaner.class, "hidden-link-prefixes.txt")) {
        String[] kv = line.strip().split("\\s+", 2);
        if (kv.length != 2 || !(kv[0].equals("file") || kv[0].equals("category") || kv[0].equals("language"))) {
          throw new IllegalStateException("hidden-link-prefixes.txt: bad line '" + line + "'");
        }
        (kv[0].equals("language") ? langs : kv[0].equals("file") ? files : cats).add(kv[1].toLowerCase(Locale.ROOT));
      }
      standard = c = new WikitextCleaner(Set.copyOf(files), Set.copyOf(cats), Set.copyOf(langs), false);
    }
    return c;
  }

  /** The plain text of {@code wikitext}. */
  public String clean(String wikitext) {
    String s = COMMENT.matcher(wikitext).replaceAll("");
    s = REF.matcher(s).replaceAll("");
    s = INVISIBLE.matcher(s).replaceAll("");
    s = removeNested(s, "{{", "}}");
    s = removeTables(s);
    s = links(s);
    s = EXTERNAL.matcher(s).replaceAll(m -> m.group(1) == null ? "" : Matcher.quoteReplacement(m.group(1).strip()));
    s = TAG.matcher(s).replaceAll("");
    s = BOLD_ITALIC.matcher(s).replaceAll("");
    s = MAGIC.matcher(s).replaceAll("");
    s = ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1))));
    return lines(s);
  }

  /** Removes balanced {@code open…close} spans (nested); an unclosed one stays as text. */
  static String removeNested(String s, String open, String close) {
    if (!s.contains(open)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int depth = 0;
    int start = -1;
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (s.startsWith(open, i)) {
        if (depth == 0) {
          start = i;
        }
        depth++;
        i += open.length();
      } else if (depth > 0 && s.startsWith(close, i)) {
        depth--;
        i += close.length();
      } else {
        if (depth == 0) {
          out.append(s.charAt(i));
        }
        i++;
      }
    }
    if (depth > 0) {
      out.append(s, start, n); // unclosed: literal text (its inner spans included)
    }
    return out.toString();
  }

  /** Removes tables: from a line starting {@code {|} to the line starting {@code |}} that closes it (nested). */
  static String removeTables(String s) {
    if (!s.contains("{|")) {
      return s;
    }
    String[] lines = s.split("\n", -1);
    StringBuilder out = new StringBuilder(s.length());
    StringBuilder pending = new StringBuilder();
    int depth = 0;
    for (String line : lines) {
      String t = line.stripLeading();
      if (t.startsWith("{|")) {
        depth++;
      }
      if (depth == 0) {
        out.append(line).append('\n');
      } else {
        pending.append(line).append('\n');
        if (t.startsWith("|}")) {
          depth--;
          if (depth == 0) {
            pending.setLength(0);
          }
        }
      }
    }
    out.append(pending); // an unclosed table: literal text
    return out.substring(0, Math.max(0, out.length() - 1));
  }

  /** Links: {@code [[target|label]]} → label (itself cleaned), file/category/interlanguage links removed. */
  String links(String s) {
    if (!s.contains("[[")) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      int open = s.indexOf("[[", i);
      if (open < 0) {
        out.append(s, i, n);
        break;
      }
      out.append(s, i, open);
      int close = matching(s, open);
      if (close < 0) {
        out.append(s, open, n); // unclosed: literal
        break;
      }
      out.append(link(s.substring(open + 2, close)));
      i = close + 2;
    }
    return out.toString();
  }

  /** The index of the {@code ]]} closing the {@code [[} at {@code open}, or -1. */
  private static int matching(String s, int open) {
    int depth = 0;
    int i = open;
    while (i < s.length() - 1) {
      if (s.charAt(i) == '[' && s.charAt(i + 1) == '[') {
        depth++;
        i += 2;
      } else if (s.charAt(i) == ']' && s.charAt(i + 1) == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
        i += 2;
      } else {
        i++;
      }
    }
    return -1;
  }

  private String link(String inner) {
    int bar = topLevelBar(inner);
    String target = (bar < 0 ? inner : inner.substring(0, bar)).strip();
    boolean leadingColon = target.startsWith(":");
    String t = leadingColon ? target.substring(1).strip() : target;
    int colon = t.indexOf(':');
    if (colon > 0) {
      String prefix = t.substring(0, colon).strip().replace('_', ' ').toLowerCase(Locale.ROOT);
      if (!leadingColon && categories.contains(prefix)) {
        if (!categoryNames) {
          return "";
        }
        String cat = t.substring(colon + 1);
        int sort = cat.indexOf('|');
        return (sort < 0 ? cat : cat.substring(0, sort)).strip();
      }
      if (!leadingColon && (files.contains(prefix) || languages.contains(prefix))) {
        return "";
      }
    }
    if (bar < 0) {
      return t;
    }
    String label = inner.substring(bar + 1);
    return label.isBlank() ? t : links(label);
  }

  /** The first {@code |} not inside a nested link, or -1. */
  private static int topLevelBar(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        depth++;
        i++;
      } else if (c == ']' && i + 1 < s.length() && s.charAt(i + 1) == ']') {
        depth--;
        i++;
      } else if (c == '|' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String entity(String e) {
    return switch (e) {
      case "nbsp", "thinsp" -> " ";
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "ndash" -> "\u2013";
      case "mdash" -> "\u2014";
      case "minus" -> "\u2212";
      case "hellip" -> "\u2026";
      default -> {
        try {
          int cp = e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
          yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
        } catch (NumberFormatException x) {
          yield "";
        }
      }
    };
  }

  /** Headings as lines, list markers and rules gone, lines stripped, runs of blank lines one. */
  private static String lines(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean blank = true; // no blank line at the start
    for (String raw : s.split("\n", -1)) {
      String line = raw.strip();
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        line = h.group(2).strip();
      } else if (line.startsWith("----")) {
        line = "";
      } else {
        int k = 0;
        while (k < line.length() && "*#:;".indexOf(line.charAt(k)) >= 0) {
          k++;
        }
        line = line.substring(k).strip();
      }
      if (line.isEmpty()) {
        if (!blank) {
          out.append('\n');
          blank = true;
        }
        continue;
      }
      out.append(line).append('\n');
      blank = false;
    }
    String r = out.toString().strip();
    return r;
  }
}
