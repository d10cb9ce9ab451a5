package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;

/** Applies a {@link BadRecordPolicy}: a counted drop, or a {@link BadRecordException} (every reader, also the formats' own). */
public final class BadRecords {
  private BadRecords() {}

  public static void report(RecordSink sink, BadRecordPolicy policy, String id, String url, DropReason reason, String detail) {
    if (policy == BadRecordPolicy.FAIL) {
      throw new BadRecordException(id, reason, detail);
    }
    sink.drop(new Drop(id, url, reason, detail));
  }
}
