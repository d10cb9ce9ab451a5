package dev.llamakit.pipelines.decontam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link NgramIndex} per JVM for each set of benchmark files and rule: every worker thread of a run (and the
 * driver's check of the files before the run) shares it, so the benchmarks are read and indexed once per worker
 * process. Keyed by the sources, their files' sizes and modification times, the rule, n and the frequency cap.
 *
 * <pre>{@code
 * NgramIndex index = SharedIndexes.get(List.of(BenchmarkSource.parse("gsm8k", data, "question", "id")),
 *     NgramRule.JANITOR, 13, 10);
 * }</pre>
 */
public final class SharedIndexes {
  private static final Map<String, NgramIndex> INDEXES = new ConcurrentHashMap<>();

  private SharedIndexes() {}

  /** The index of {@code sources}' items, read and built on first use. */
  public static NgramIndex get(List<BenchmarkSource> sources, NgramRule rule, int n, int maxItemFrequency) {
    StringBuilder key = new StringBuilder(rule + "|" + n + "|" + maxItemFrequency);
    for (BenchmarkSource s : sources) {
      key.append('|').append(s).append('@').append(s.fingerprint());
    }
    return INDEXES.computeIfAbsent(key.toString(), k -> NgramIndex.build(read(sources), rule, n, maxItemFrequency));
  }

  /** The items of every source, in order; two sources of one name are an error. */
  public static List<BenchmarkItem> read(List<BenchmarkSource> sources) {
    Set<String> names = new HashSet<>();
    List<BenchmarkItem> items = new ArrayList<>();
    for (BenchmarkSource s : sources) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("benchmark '" + s.name() + "' is given twice");
      }
      items.addAll(BenchmarkReader.read(s));
    }
    return items;
  }
}
