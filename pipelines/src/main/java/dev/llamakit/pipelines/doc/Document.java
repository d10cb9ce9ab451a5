package dev.llamakit.pipelines.doc;

import java.util.Arrays;
import java.util.Objects;

/**
 * One web document as it moves through the CCNet recipe, with cc_net's fields.
 *
 * <p>Fields filled at read time: {@code url, date_download, digest, length, nlines, source_domain, title,
 * raw_content, cc_segment}. Later steps return copies with {@link #lineHashes} (line dedup input, never written),
 * {@link Dedup} (cc_net's {@code original_nlines, original_length, line_ids}, and the new {@code nlines, length}) and
 * {@link Language} ({@code language, language_score}).
 *
 * @param id provenance, {@code <file name>#<record index>}: unique in a run, names the record in every error
 * @param ordinal position in the input ({@code fileIndex << 40 | recordIndex}): "first" for keep-first dedup
 * @param length cc_net's {@code length}: the WET Content-Length at read time, the code-point length of
 *     {@code raw_content} after dedup
 * @param nlines number of lines of {@code raw_content}
 */
public record Document(
    String id,
    long ordinal,
    String url,
    String dateDownload,
    String digest,
    long length,
    int nlines,
    String sourceDomain,
    String title,
    String rawContent,
    String ccSegment,
    long[] lineHashes,
    Dedup dedup,
    Language language,
    Safety safety,
    Signals signals) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rawContent, "rawContent");
    if (signals == null) {
      signals = Signals.EMPTY;
    }
  }

  /** A document as a reader makes it: cc_net's read-time fields, nothing added yet. */
  public static Document read(String id, long ordinal, String url, String dateDownload, String digest, long length,
      int nlines, String sourceDomain, String title, String rawContent, String ccSegment) {
    return new Document(id, ordinal, url, dateDownload, digest, length, nlines, sourceDomain, title, rawContent,
        ccSegment, null, null, null, null, Signals.EMPTY);
  }

  /** What line dedup did to the document: cc_net's added fields. */
  public record Dedup(int originalNlines, long originalLength, int[] lineIds) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Dedup d && d.originalNlines == originalNlines && d.originalLength == originalLength
          && Arrays.equals(d.lineIds, lineIds);
    }

    @Override
    public int hashCode() {
      return Objects.hash(originalNlines, originalLength, Arrays.hashCode(lineIds));
    }

    @Override
    public String toString() {
      return "Dedup[" + originalNlines + " lines, " + originalLength + " chars, kept " + Arrays.toString(lineIds) + "]";
    }
  }

  /** The fastText language label (without {@code __label__}) and its score rounded as cc_net rounds it. */
  public record Language(String label, double score) {}

  /**
   * The embedded safety classifier's verdict on the document: the highest unsafe probability over its windows and
   * the Llama Guard 3 code of the top category (null when none).
   */
  public record Safety(double score, String category) {}

  /** A copy carrying the hashes of its {@code raw_content} lines. */
  public Document withLineHashes(long[] hashes) {
    return new Document(id, ordinal, url, dateDownload, digest, length, nlines, sourceDomain, title, rawContent, ccSegment,
        hashes, dedup, language, safety, signals);
  }

  /** A copy after line dedup: new content, its line count and length, the dedup record; hashes dropped. */
  public Document withDedupedContent(String content, int lines, long codePoints, Dedup d) {
    return new Document(id, ordinal, url, dateDownload, digest, codePoints, lines, sourceDomain, title, content, ccSegment,
        null, d, language, safety, signals);
  }

  /** A copy with its safety verdict. */
  public Document withSafety(Safety s) {
    return new Document(id, ordinal, url, dateDownload, digest, length, nlines, sourceDomain, title, rawContent,
        ccSegment, lineHashes, dedup, language, s, signals);
  }

  /** A copy with its language. */
  public Document withLanguage(Language l) {
    return new Document(id, ordinal, url, dateDownload, digest, length, nlines, sourceDomain, title, rawContent, ccSegment,
        lineHashes, dedup, l, safety, signals);
  }

  /** A copy with one more signal (see {@link Signals}). */
  public Document withSignal(String key, Object value) {
    return withSignals(signals.with(key, value));
  }

  /** A copy with these signals instead of its own. */
  public Document withSignals(Signals s) {
    return new Document(id, ordinal, url, dateDownload, digest, length, nlines, sourceDomain, title, rawContent,
        ccSegment, lineHashes, dedup, language, safety, s);
  }

  /** A copy whose {@code raw_content} (and line count and length) a cleaner changed. */
  public Document withContent(String content, int lines, long codePoints) {
    return new Document(id, ordinal, url, dateDownload, digest, codePoints, lines, sourceDomain, title, content,
        ccSegment, lineHashes, dedup, language, safety, signals);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d && d.id.equals(id) && Objects.equals(d.url, url)
        && Objects.equals(d.dateDownload, dateDownload) && Objects.equals(d.digest, digest) && d.length == length
        && d.nlines == nlines && Objects.equals(d.sourceDomain, sourceDomain) && Objects.equals(d.title, title)
        && d.rawContent.equals(rawContent) && Objects.equals(d.ccSegment, ccSegment)
        && Arrays.equals(d.lineHashes, lineHashes) && Objects.equals(d.dedup, dedup)
        && Objects.equals(d.language, language) && Objects.equals(d.safety, safety)
        && d.signals.equals(signals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, url, rawContent);
  }

  @Override
  public String toString() {
    return "Document[" + id + " " + url + ", " + nlines + " lines]";
  }
}
