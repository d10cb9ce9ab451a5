package dev.llamakit.pipelines.docdedup;

import dev.llamakit.pipelines.doc.Document;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which document of a duplicate group is kept. Each rule turns a document into a priority; the highest priority wins
 * and equal priorities go to the lowest {@code ordinal} (the first in input order), so the choice never depends on
 * the order in which a runner delivers the group.
 */
public enum KeepRule {
  /** The first in input order (the lowest ordinal): every priority is 0. */
  FIRST,
  /**
   * The longest {@code raw_content} in code points (datatrove's URL-dedup example keeps the longest document; it
   * measures {@code len(text) // 4} capped at 65,535, so near-equal lengths tie there and are resolved by position).
   */
  LONGEST,
  /**
   * The newest {@code date_download} (tfds C4's {@code select_newest_page}); a missing or unparseable date (ISO 8601
   * with an offset, as WET files carry it) counts as older than any date.
   */
  NEWEST;

  /** {@code first}, {@code longest} or {@code newest}. */
  public static KeepRule parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "first" -> FIRST;
      case "longest" -> LONGEST;
      case "newest" -> NEWEST;
      default -> throw new IllegalArgumentException("keep must be first, longest or newest, not '" + s + "'");
    };
  }

  /** The document's priority under this rule: higher is kept. */
  public long priority(Document d) {
    return switch (this) {
      case FIRST -> 0;
      case LONGEST -> d.rawContent().codePointCount(0, d.rawContent().length());
      case NEWEST -> epochSecond(d.dateDownload());
    };
  }

  private static long epochSecond(String date) {
    if (date == null) {
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(date.strip()).toEpochSecond();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The document as a candidate of its group under this rule. */
  public Candidate candidate(Document d) {
    return new Candidate(d.ordinal(), priority(d), d.id());
  }
}
