package dev.llamakit.pipelines.recipes;

import java.io.Serializable;

/** The {@code write} step: JSONL.gz shards grouped by a layout. */
public final class WriteStep {
  private WriteStep() {}

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /**
     * language: {@code OUT/<lang>/part-*.json.gz}; language_bucket: cc_net's {@code OUT/<lang>_<bucket>/} (needs a
     * {@code bucket} step); single: {@code OUT/all/}.
     */
    public String layout = "language";
    /**
     * Shards per output folder; 0: one per worker that holds the folder's documents, written without a shuffle
     * (on Spark and on a Flink cluster: the parallelism).
     */
    public int shards = 0;
  }
}
