package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
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
    LabelledJsonl labelled = LabelledJsonl.read(base, split, 1, 3);
    Path file = labelled.file();
    List<Doc> docs = new ArrayList<>(labelled.rows().size());
    for (Jsonl.Row row : labelled.rows()) {
      String context = Jsonl.string(row, "context", file);
      String question = Jsonl.string(row, "question", file);
      List<String> choices = List.of(Jsonl.string(row, "answerA", file), Jsonl.string(row, "answerB", file),
          Jsonl.string(row, "answerC", file));
      int index = docs.size();
      int label = labelled.labels().get(index) - 1;
      docs.add(new Doc("siqa/" + split + "/" + index, index,
          Map.of("context", context, "question", question, "choices", choices, "label", label)));
    }
    return docs;
  }
}
