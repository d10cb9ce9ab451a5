package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PIQA in its original release layout (the {@code piqa} folder of Bisk et al.'s release, which the HF {@code piqa}
 * dataset script also reads): {@code SPLIT.jsonl} holds {@code {"goal", "sol1", "sol2"}} per line and
 * {@code SPLIT-labels.lst} the right solution's index (0 or 1) on the same line number. Splits: {@code train},
 * {@code valid} (lm-eval's {@code validation}, the one scored). Fields: {@code goal}, {@code choices}
 * ({@code [sol1, sol2]}, lm-eval's {@code doc_to_choice}), {@code label}.
 */
public final class PiqaLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    LabelledJsonl labelled = LabelledJsonl.read(base, split, 0, 1);
    Path file = labelled.file();
    List<Doc> docs = new ArrayList<>(labelled.rows().size());
    for (Jsonl.Row row : labelled.rows()) {
      String goal = Jsonl.string(row, "goal", file);
      String sol1 = Jsonl.string(row, "sol1", file);
      String sol2 = Jsonl.string(row, "sol2", file);
      int index = docs.size();
      docs.add(new Doc("piqa/" + split + "/" + index, index,
          Map.of("goal", goal, "choices", List.of(sol1, sol2), "label", labelled.labels().get(index))));
    }
    return docs;
  }
}
