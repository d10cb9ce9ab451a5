package dev.llamakit.pipelines.decontam;

import java.io.Serializable;
import java.util.Objects;

/**
 * One benchmark item as the contamination checks see it.
 *
 * @param benchmark the benchmark's name ({@code mmlu}, {@code gsm8k}, {@code humaneval}, {@code arc_easy},
 *     {@code arc_challenge}, or a user's name)
 * @param id the item's id, exactly the id {@code llamakit eval} gives the document ({@code test/anatomy/3},
 *     {@code test/12}, {@code HumanEval/7}, {@code arc/40}), or a user file's id field / row index
 * @param text the text that is indexed (see {@link BenchmarkReader} for what each benchmark contributes)
 */
public record BenchmarkItem(String benchmark, String id, String text) implements Serializable {
  public BenchmarkItem {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }

  /** {@code benchmark:id}, how signals and drop details name the item. */
  public String key() {
    return benchmark + ":" + id;
  }
}
