package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.DropReason;

/** A bad input record under {@link BadRecordPolicy#FAIL}: names the file, the record and what is wrong. */
public final class BadRecordException extends RuntimeException {
  private final DropReason reason;

  public BadRecordException(String recordId, DropReason reason, String detail) {
    super(recordId + ": " + reason + ": " + detail);
    this.reason = reason;
  }

  public DropReason reason() {
    return reason;
  }
}
