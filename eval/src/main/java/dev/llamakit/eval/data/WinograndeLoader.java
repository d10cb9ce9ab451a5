package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WinoGrande in its original release layout (allenai's {@code winogrande_1.1} folder: {@code train_xl.jsonl},
 * {@code dev.jsonl}, ...; lm-eval's {@code winogrande_xl} train and validation splits are {@code train_xl} and
 * {@code dev}): per line {@code sentence} with one {@code _} blank, {@code option1}, {@code option2} and
 * {@code answer} ({@code "1"} or {@code "2"}). Documents are built as lm-eval's {@code preprocess_winogrande}:
 * {@code choices} = the sentence up to the blank followed by each option, {@code target} = the text after the blank,
 * stripped, {@code answer} = 0 or 1.
 */
public final class WinograndeLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve(split + ".jsonl");
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Jsonl.Row row : rows) {
      String sentence = Jsonl.string(row, "sentence", file);
      String option1 = Jsonl.string(row, "option1", file);
      String option2 = Jsonl.string(row, "option2", file);
      String answer = Jsonl.string(row, "answer", file);
      int blank = sentence.indexOf('_');
      if (blank < 0) {
        throw new DataFormatException(file, row.line(), "field 'sentence' has no '_' blank");
      }
      if (!answer.equals("1") && !answer.equals("2")) {
        throw new DataFormatException(file, row.line(), "field 'answer' must be \"1\" or \"2\", got \"" + answer + "\"");
      }
      String head = sentence.substring(0, blank);
      int index = docs.size();
      docs.add(new Doc("winogrande/" + split + "/" + index, index, Map.of(
          "choices", List.of(head + option1, head + option2),
          "target", sentence.substring(blank + 1).strip(),
          "answer", Integer.parseInt(answer) - 1)));
    }
    return docs;
  }
}
