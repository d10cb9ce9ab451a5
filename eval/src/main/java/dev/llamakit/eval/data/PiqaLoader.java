package dev.llamakit.eval.data;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.eval.task.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    Path file = base.resolve(split + ".jsonl");
    Path labelFile = base.resolve(split + "-labels.lst");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Integer> labels = labels(labelFile);
    if (labels.size() != rows.size()) {
      throw new DataFormatException(labelFile + ": holds " + labels.size() + " labels but " + file + " holds "
          + rows.size() + " records");
    }
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String goal = Jsonl.string(row, "goal", file);
      String sol1 = Jsonl.string(row, "sol1", file);
      String sol2 = Jsonl.string(row, "sol2", file);
      int index = docs.size();
      docs.add(new Doc("piqa/" + split + "/" + index, index,
          Map.of("goal", goal, "choices", List.of(sol1, sol2), "label", labels.get(index))));
    }
    return docs;
  }

  private static List<Integer> labels(Path file) {
    List<Integer> out = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String v = line.strip();
        if (!v.equals("0") && !v.equals("1")) {
          throw new DataFormatException(file, lines.lineNumber(), "label must be 0 or 1, got '" + v + "'");
        }
        out.add(Integer.parseInt(v));
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
