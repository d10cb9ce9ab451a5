package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.PyRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPQA in its release layout (Rein et al., the CSV files of {@code dataset.zip} that the HF {@code Idavidrein/gpqa}
 * configurations load as their one {@code train} split): {@code gpqa_SPLIT.csv} under the dataset folder
 * ({@code main}, {@code diamond}, {@code extended}), a header row naming the columns, of which {@code Question},
 * {@code Correct Answer} and {@code Incorrect Answer 1..3} are read (the others are ignored).
 *
 * <p>lm-eval's {@code process_docs}: each answer is {@code preprocess}ed (stripped, {@code " [title]"} to {@code ". "},
 * double spaces halved once; a cell pandas reads as NaN — empty, {@code N/A}, {@code None}, ... — becomes
 * {@code " "}), the list
 * {@code [incorrect 1, incorrect 2, incorrect 3, correct]} is shuffled with Python's {@code random.shuffle} drawing
 * from one {@link PyRandom} over the rows in file order, and the gold is the first position holding the correct
 * text. The seed is the loader's: 0 for {@code gpqa_csv} (the zero-shot flavours shuffle with the global
 * {@code random}, which lm-eval's {@code simple_evaluate} seeds with {@code random_seed}=0), 42 for
 * {@code gpqa_csv_seed42} (the n-shot flavour's module-level {@code random.Random(42)}). Fields: {@code Question}
 * (as written), {@code choice1..choice4}, {@code choices}, {@code answer} ({@code "(A)"}..{@code "(D)"}),
 * {@code label} (0-3).
 */
public class GpqaLoader implements DatasetLoader {
  private static final List<String> COLUMNS = List.of("Question", "Incorrect Answer 1", "Incorrect Answer 2",
      "Incorrect Answer 3", "Correct Answer");

  /** The shuffle's seed. */
  protected long seed() {
    return 0;
  }

  /** lm-eval's leaderboard/gpqa {@code preprocess} also removes every {@code [...]} (non-greedy) before halving spaces. */
  protected boolean removeBrackets() {
    return false;
  }

  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve("gpqa_" + split + ".csv");
    List<Csv.Row> rows = Csv.read(file);
    if (rows.isEmpty()) {
      throw new DataFormatException(file, 0, "empty file: expected a header row and questions");
    }
    List<String> header = rows.getFirst().fields();
    int[] at = new int[COLUMNS.size()];
    for (int i = 0; i < COLUMNS.size(); i++) {
      at[i] = header.indexOf(COLUMNS.get(i));
      if (at[i] < 0) {
        throw new DataFormatException(file, rows.getFirst().line(), "header has no column '" + COLUMNS.get(i) + "'");
      }
    }
    PyRandom rnd = new PyRandom(seed());
    List<Doc> docs = new ArrayList<>(rows.size() - 1);
    for (Csv.Row r : rows.subList(1, rows.size())) {
      List<String> f = r.fields();
      if (f.size() != header.size()) {
        throw new DataFormatException(file, r.line(), "expected " + header.size() + " fields as the header, got "
            + f.size());
      }
      String question = f.get(at[0]);
      if (question.isEmpty()) {
        throw new DataFormatException(file, r.line(), "field 'Question' is empty");
      }
      boolean brackets = removeBrackets();
      String correct = preprocess(f.get(at[4]), brackets);
      List<String> choices = new ArrayList<>(List.of(preprocess(f.get(at[1]), brackets),
          preprocess(f.get(at[2]), brackets), preprocess(f.get(at[3]), brackets), correct));
      rnd.shuffle(choices);
      int gold = choices.indexOf(correct);
      Map<String, Object> fields = new HashMap<>();
      fields.put("Question", question);
      for (int i = 0; i < 4; i++) {
        fields.put("choice" + (i + 1), choices.get(i));
      }
      fields.put("choices", List.copyOf(choices));
      fields.put("answer", "(" + (char) ('A' + gold) + ")");
      fields.put("label", gold);
      int index = docs.size();
      docs.add(new Doc("gpqa_" + split + "/" + index, index, fields));
    }
    return docs;
  }

  /**
   * Cells pandas' {@code read_csv} reads as NaN by default (HF's CSV builder keeps pandas' defaults), which reach
   * {@code preprocess} as None.
   */
  private static final java.util.Set<String> PANDAS_NA = java.util.Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND",
      "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan",
      "null");

  private static final java.util.regex.Pattern BRACKETS = java.util.regex.Pattern.compile("\\[.*?\\]");

  /** lm-eval's gpqa {@code preprocess}; a cell pandas reads as NaN (empty, "N/A", ...) is {@code " "}. */
  static String preprocess(String text) {
    return preprocess(text, false);
  }

  /** {@link #preprocess(String)}, with the leaderboard's {@code re.sub("\\[.*?\\]", "", text)} when asked. */
  static String preprocess(String text, boolean removeBrackets) {
    if (PANDAS_NA.contains(text)) {
      return " ";
    }
    String t = dev.llamakit.eval.extract.PyStrings.strip(text);
    t = t.replace(" [title]", ". ");
    if (removeBrackets) {
      t = BRACKETS.matcher(t).replaceAll("");
    }
    return t.replace("  ", " ");
  }
}
