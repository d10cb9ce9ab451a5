package dev.llamakit.safety.llamaguard;

import dev.llamakit.safety.policy.Category;
import java.util.List;

/** What a Llama Guard generation says: {@link Safe}, {@link Unsafe} with categories, or {@link Malformed}. */
public sealed interface Verdict {
  /** First line {@code safe}. */
  record Safe() implements Verdict {}

  /**
   * First line {@code unsafe}. {@code categories} are resolved through the prompt's taxonomy; codes the taxonomy
   * lacks are kept as {@link Category#unknown} entries. {@code truncated} is true when no category line followed
   * (output cut short by the token limit): the verdict is still unsafe, with no categories.
   */
  record Unsafe(List<Category> categories, boolean truncated) implements Verdict {
    public Unsafe { categories = List.copyOf(categories); }
  }

  /** Neither {@code safe} nor {@code unsafe} (empty, garbage, or a token-limited fragment such as {@code "un"}). */
  record Malformed(String text) implements Verdict {}
}
