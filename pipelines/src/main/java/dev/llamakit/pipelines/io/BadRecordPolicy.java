package dev.llamakit.pipelines.io;

/** What a reader does with a bad record: count it under a named drop reason and go on, or stop the run. */
public enum BadRecordPolicy {
  /** Count the record under its drop reason and continue (the default). */
  SKIP,
  /** Stop the run with an error naming the file and the record. */
  FAIL
}
