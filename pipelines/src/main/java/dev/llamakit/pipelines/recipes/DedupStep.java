package dev.llamakit.pipelines.recipes;

import java.io.Serializable;

/** The {@code dedup_lines} step: cc_net's global exact line dedup (a shuffle, so it ends a fused filter stage). */
public final class DedupStep {
  private DedupStep() {}

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** remove-all (cc_net: every copy of a repeated line goes) or keep-first (C4: the first document keeps it). */
    public String policy = "remove-all";
    /** Documents shorter than this after dedup are dropped (cc_net: 300). */
    public int minLength = 300;
  }
}
