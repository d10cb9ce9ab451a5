package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.io.ReadOptions;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Every knob of the CCNet recipe, with cc_net's defaults where cc_net has one.
 *
 * @param inputs the resolved input files
 * @param read how records are parsed and what happens to bad ones
 * @param minLength cc_net's {@code min_len}: 300 characters, at read time and after dedup
 * @param maxLength documents longer than this are dropped as TOO_LONG
 * @param dedup remove-all (cc_net) or keep-first (C4)
 * @param lidModel the fastText lid.176 model file
 * @param lidThreshold cc_net's {@code lang_threshold}, 0.5, compared with the rounded score
 * @param languages languages to keep (empty: all)
 * @param shardsPerLanguage output shards per language (at least 1)
 * @param safetyTag score documents with the embedded safety classifier ({@code safety_score, safety_category})
 * @param safetyFilter drop documents whose safety score is at least this (NaN: keep all)
 */
public record CcNetConfig(
    List<InputFile> inputs,
    ReadOptions read,
    int minLength,
    long maxLength,
    DedupPolicy dedup,
    Path lidModel,
    double lidThreshold,
    Set<String> languages,
    int shardsPerLanguage,
    boolean safetyTag,
    double safetyFilter) implements Serializable {

  /** Without safety tagging. */
  public CcNetConfig(List<InputFile> inputs, ReadOptions read, int minLength, long maxLength, DedupPolicy dedup,
      Path lidModel, double lidThreshold, Set<String> languages, int shardsPerLanguage) {
    this(inputs, read, minLength, maxLength, dedup, lidModel, lidThreshold, languages, shardsPerLanguage, false,
        Double.NaN);
  }

  public static final int CCNET_MIN_LENGTH = 300;
  public static final double CCNET_LID_THRESHOLD = 0.5;
  public static final long DEFAULT_MAX_LENGTH = 10_000_000L;
}
