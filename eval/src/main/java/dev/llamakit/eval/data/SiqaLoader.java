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
 * Social IQa in its original release layout ({@code socialiqa-train-dev/} of Sap et al.'s release, the files the HF
 * {@code social_i_qa} script and the {@code lighteval/siqa} conversion lm-eval loads are built from):
 * {@code SPLIT.jsonl} holds {@code {"context", "question", "answerA", "answerB", "answerC"}} per line and
 * {@code SPLIT-labels.lst} the right answer's number (1, 2 or 3) on the same line number. Splits: {@code train},
 * {@code dev} (lm-eval's {@code validation}, the one scored). Fields: {@code context}, {@code question},
 * {@code choices} ({@code [answerA, answerB, answerC]}, lm-eval's {@code doc_to_choice}), {@code label} (0-2,
 * lm-eval's {@code (label|int) - 1}).
 */
public final class SiqaLoader implements DatasetLoader {
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
      String context = Jsonl.string(row, "context", file);
      String question = Jsonl.string(row, "question", file);
      List<String> choices = List.of(Jsonl.string(row, "answerA", file), Jsonl.string(row, "answerB", file),
          Jsonl.string(row, "answerC", file));
      int index = docs.size();
      docs.add(new Doc("siqa/" + split + "/" + index, index,
          Map.of("context", context, "question", question, "choices", choices, "label", labels.get(index))));
    }
    return docs;
  }

  /** The 0-based answer indices of a labels file (one number 1-3 a line). */
  private static List<Integer> labels(Path file) {
    List<Integer> out = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line; (line = lines.next()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String v = line.strip();
        if (!v.equals("1") && !v.equals("2") && !v.equals("3")) {
          throw new DataFormatException(file, lines.lineNumber(), "label must be 1, 2 or 3, got '" + v + "'");
        }
        out.add(Integer.parseInt(v) - 1);
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
