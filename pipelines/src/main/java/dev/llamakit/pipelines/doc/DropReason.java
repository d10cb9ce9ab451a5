package dev.llamakit.pipelines.doc;

/**
 * Why a document left the pipeline, named for what fired. Every document read is either written or counted under
 * exactly one of these.
 */
public enum DropReason {
  /** The WET record's body could not be decoded as UTF-8. */
  INVALID_UTF8,
  /** A WARC record of another type than {@code conversion} (warcinfo records are metadata, not documents). */
  NOT_CONVERSION,
  /** A WET record without a required header ({@code WARC-Target-URI}) or with an unreadable one. */
  MALFORMED_RECORD,
  /** The input ended inside a record: truncated gzip member or cut-off WARC block. */
  TRUNCATED_RECORD,
  /** A JSONL line that is not a JSON object. */
  INVALID_JSON,
  /** A JSONL object without the configured text field, or with a non-string one. */
  MISSING_TEXT_FIELD,
  /** {@code raw_content} shorter than the minimum length when read (cc_net: 300 characters). */
  TOO_SHORT,
  /** {@code raw_content} longer than the configured maximum (protects workers from pathological records). */
  TOO_LONG,
  /** Every line of the document was a duplicate. */
  EMPTY_AFTER_DEDUP,
  /** What line dedup left is shorter than the minimum length. */
  TOO_SHORT_AFTER_DEDUP,
  /** The language-ID score, rounded as cc_net rounds it, is below the threshold. */
  LANGUAGE_SCORE_TOO_LOW,
  /** The identified language is not one of {@code --languages}. */
  LANGUAGE_NOT_SELECTED,
  /** The safety classifier's score is at or above the filter threshold ({@code --safety-filter}). */
  UNSAFE_CONTENT;

  /** The metrics counter name for this reason. */
  public String counter() {
    return "drop." + name();
  }
}
