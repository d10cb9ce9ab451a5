package dev.llamakit.pipelines.filters.books;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Project Gutenberg header says about its book: the eBook number, title, author and language, read from the
 * header's {@code Title:}, {@code Author:}, {@code Language:} lines and its {@code [eBook #1342]} (or
 * {@code [EBook #…]}, {@code [Etext #…]}) tag; an older first line "The Project Gutenberg EBook of T, by A" gives title
 * and author when those lines are absent. Fields not found are null.
 */
record GutenbergHeader(String id, String title, String author, String language) {
  private static final Pattern NUMBER = Pattern.compile("\\[\\s*E-?(?:BOOK|TEXT)\\s*#\\s*(\\d+)\\s*]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FIELD = Pattern.compile("^(Title|Author|Language)\\s*:\\s*(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_LINE = Pattern.compile(
      "^\\W*The Project Gutenberg E-?(?:BOOK|TEXT) of (.+?)(?:, by (.+?))?\\s*$", Pattern.CASE_INSENSITIVE);

  /** Reads the header lines (those before the start marker). */
  static GutenbergHeader parse(List<String> lines) {
    String id = null;
    String title = null;
    String author = null;
    String language = null;
    String firstTitle = null;
    String firstAuthor = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher n = NUMBER.matcher(line);
      if (id == null && n.find()) {
        id = n.group(1);
      }
      Matcher f = FIELD.matcher(line.strip());
      if (f.matches()) {
        StringBuilder v = new StringBuilder(f.group(2).strip());
        // a field continues on indented lines ("Title: A Tale\n        of Two Cities")
        while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && Character.isWhitespace(lines.get(i + 1).charAt(0))
            && !FIELD.matcher(lines.get(i + 1).strip()).matches()) {
          v.append(' ').append(lines.get(++i).strip());
        }
        String value = v.toString();
        switch (f.group(1).toLowerCase(java.util.Locale.ROOT)) {
          case "title" -> title = title == null ? value : title;
          case "author" -> author = author == null ? value : author;
          default -> language = language == null ? value : language;
        }
        continue;
      }
      Matcher first = FIRST_LINE.matcher(line.strip());
      if (firstTitle == null && first.matches()) {
        firstTitle = first.group(1).strip();
        firstAuthor = first.group(2) == null ? null : first.group(2).strip();
      }
    }
    return new GutenbergHeader(id, blankToNull(title != null ? title : firstTitle),
        blankToNull(author != null ? author : firstAuthor), blankToNull(language));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
