package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MMLU-Pro as one task over all categories (lm-eval's {@code leaderboard_mmlu_pro}): {@link MmluProLoader}'s documents
 * numbered through the whole split (lm-eval's {@code doc_id}), not per category.
 */
public final class MmluProFlatLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    List<Doc> out = new ArrayList<>();
    for (Doc d : new MmluProLoader().load(base, split)) {
      out.add(new Doc(d.id(), out.size(), d.fields()));
    }
    return out;
  }
}
