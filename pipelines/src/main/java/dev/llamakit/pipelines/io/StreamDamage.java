package dev.llamakit.pipelines.io;

import java.io.IOException;

/**
 * The bytes of an input could not be read: a gzip stream that is cut ({@link #truncated()}) or corrupt (bad CRC, bad
 * block, a damaged member header). Readers turn it into a counted drop ({@code TRUNCATED_RECORD} or
 * {@code CORRUPT_GZIP}) under {@code skip}, or a {@link BadRecordException} naming the file and record under
 * {@code fail}.
 */
final class StreamDamage extends IOException {
  private final boolean truncated;
  private final boolean resumable;
  private final boolean atMemberStart;

  StreamDamage(boolean truncated, boolean resumable, boolean atMemberStart, String message) {
    super(message);
    this.truncated = truncated;
    this.resumable = resumable;
    this.atMemberStart = atMemberStart;
  }

  /** No byte of the damaged gzip member was read: what was read before it is whole. */
  boolean atMemberStart() {
    return atMemberStart;
  }

  /** The stream ends early (a cut file), rather than holding damaged bytes. */
  boolean truncated() {
    return truncated;
  }

  /** Reading can go on at a later gzip member ({@link RecordInput#resume()}). */
  boolean resumable() {
    return resumable;
  }
}
