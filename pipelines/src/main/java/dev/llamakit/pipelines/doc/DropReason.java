package dev.llamakit.pipelines.doc;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Why a document left the pipeline, named for what fired: an upper-case name such as {@code TOO_SHORT} or
 * {@code GOPHER_TOO_FEW_WORDS}. Every document read is either written or counted under exactly one reason.
 *
 * <p>The reasons of reading and of the built-in steps are constants here; a rule declares its own reasons as
 * constants of its class ({@code DropReason.of("C4_TOO_FEW_SENTENCES")}), so a new rule needs no edit of this file.
 *
 * @param name the reason's name: upper-case ASCII letters, digits and underscores, starting with a letter
 */
public record DropReason(String name) implements Serializable {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  public DropReason {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a drop reason is UPPER_SNAKE_CASE, not '" + name + "'");
    }
  }

  /** The reason with this name. */
  public static DropReason of(String name) {
    return new DropReason(name);
  }

  /** The record's body could not be decoded as UTF-8. */
  public static final DropReason INVALID_UTF8 = of("INVALID_UTF8");
  /** A WARC record of another type than {@code conversion} (warcinfo records are metadata, not documents). */
  public static final DropReason NOT_CONVERSION = of("NOT_CONVERSION");
  /**
   * A WET record that cannot be read as one: a header line that is not {@code Name: value}, no {@code WARC-Type} or
   * {@code WARC-Target-URI}, a missing or wrong Content-Length (the reader resynchronises at the next
   * {@code WARC/1.0} line), or lines that belong to no record (a record whose {@code WARC/1.0} line is damaged).
   */
  public static final DropReason MALFORMED_RECORD = of("MALFORMED_RECORD");
  /** The input ended inside a record: truncated gzip member or cut-off WARC block ("truncated after record N"). */
  public static final DropReason TRUNCATED_RECORD = of("TRUNCATED_RECORD");
  /**
   * Damaged gzip data (bad CRC, bad deflate block, a damaged member header): the record in that member is lost;
   * reading goes on at the next gzip member.
   */
  public static final DropReason CORRUPT_GZIP = of("CORRUPT_GZIP");
  /** A JSONL line that is not a JSON object. */
  public static final DropReason INVALID_JSON = of("INVALID_JSON");
  /** A JSONL object without the configured text field, or with a non-string one. */
  public static final DropReason MISSING_TEXT_FIELD = of("MISSING_TEXT_FIELD");
  /** {@code raw_content} shorter than the minimum length when read (cc_net: 300 characters). */
  public static final DropReason TOO_SHORT = of("TOO_SHORT");
  /** {@code raw_content} longer than the configured maximum (protects workers from pathological records). */
  public static final DropReason TOO_LONG = of("TOO_LONG");
  /** Every line of the document was a duplicate. */
  public static final DropReason EMPTY_AFTER_DEDUP = of("EMPTY_AFTER_DEDUP");
  /** What line dedup left is shorter than the minimum length. */
  public static final DropReason TOO_SHORT_AFTER_DEDUP = of("TOO_SHORT_AFTER_DEDUP");
  /** Exact document dedup: the normalised content equals that of the document named in the detail, which is kept. */
  public static final DropReason EXACT_DUPLICATE = of("EXACT_DUPLICATE");
  /** URL dedup: the normalised URL equals that of the document named in the detail, which is kept. */
  public static final DropReason DUPLICATE_URL = of("DUPLICATE_URL");
  /**
   * Book-level dedup: more than the threshold of the document's words lie in word n-grams shared with the larger (or
   * earlier) document named in the detail.
   */
  public static final DropReason BOOK_OVERLAP = of("BOOK_OVERLAP");
  /** The language-ID score, rounded as cc_net rounds it, is below the threshold. */
  public static final DropReason LANGUAGE_SCORE_TOO_LOW = of("LANGUAGE_SCORE_TOO_LOW");
  /** The identified language is not one of {@code --languages}. */
  public static final DropReason LANGUAGE_NOT_SELECTED = of("LANGUAGE_NOT_SELECTED");
  /** The safety classifier's score is at or above the filter threshold ({@code --safety-filter}). */
  public static final DropReason UNSAFE_CONTENT = of("UNSAFE_CONTENT");

  /**
   * MinHash near-dedup ({@code minhash} step): the document is in a near-duplicate cluster whose kept member is
   * another document (named in the drop's detail).
   */
  public static final DropReason NEAR_DUPLICATE = of("NEAR_DUPLICATE");

  /**
   * A source file that is not text: a NUL byte in its first 8000 bytes (git's test) or bytes that are not UTF-8
   * ({@code code} and {@code github} formats).
   */
  public static final DropReason BINARY_FILE = of("BINARY_FILE");
  /** A source file larger than the {@code code} format's {@code max_file_bytes}. */
  public static final DropReason FILE_TOO_LARGE = of("FILE_TOO_LARGE");
  /** An archive or compressed input expanding past its format's limit (a compression bomb): refused unread. */
  public static final DropReason ARCHIVE_TOO_LARGE = of("ARCHIVE_TOO_LARGE");
  /** A tar entry whose path escapes the archive ({@code ../}, an absolute path): the whole archive is refused. */
  public static final DropReason UNSAFE_ARCHIVE_PATH = of("UNSAFE_ARCHIVE_PATH");
  /** A tar, gzip or bzip2 stream that cannot be read (damaged or cut). */
  public static final DropReason CORRUPT_ARCHIVE = of("CORRUPT_ARCHIVE");
  /** A LaTeX archive (or one paper of it) without any {@code .tex} file. */
  public static final DropReason LATEX_NO_TEX = of("LATEX_NO_TEX");
  /**
   * A {@code .tex} file of a folder input with no {@code \documentclass} of its own that a main file beside or above it
   * includes: a part of that paper, read into it through its {@code \input}/{@code \include}, not a paper of its own.
   */
  public static final DropReason LATEX_PART_OF_PAPER = of("LATEX_PART_OF_PAPER");
  /** A Wikipedia page that redirects to another ({@code <redirect>}, or text starting {@code #REDIRECT}). */
  public static final DropReason WIKIPEDIA_REDIRECT = of("WIKIPEDIA_REDIRECT");
  /** A Wikipedia page outside the selected namespaces (articles: 0) — talk, user, template, file, category pages. */
  public static final DropReason WIKIPEDIA_OTHER_NAMESPACE = of("WIKIPEDIA_OTHER_NAMESPACE");
  /** An XML dump that is not well-formed from this point on (the detail names the line); reading the file stops. */
  public static final DropReason MALFORMED_XML = of("MALFORMED_XML");

  /** The metrics counter name for this reason. */
  public String counter() {
    return MetricNames.DROP_PREFIX + name;
  }

  @Override
  public String toString() {
    return name;
  }
}
