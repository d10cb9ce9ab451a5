package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.extract.PyStrings;
import dev.llamakit.eval.task.Doc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MMLU-Pro (TIGER-Lab) as JSON lines: {@code SPLIT.jsonl} (or {@code .jsonl.gz}) under the dataset folder, one row of
 * the release's {@code data/SPLIT-00000-of-00001.parquet} a line with the release's field names — {@code question_id},
 * {@code question}, {@code options} (up to 10 strings), {@code answer} (a letter A-J), {@code answer_index},
 * {@code cot_content}, {@code category}, {@code src}. Splits: {@code test} (scored), {@code validation} (the 5
 * chain-of-thought shots of each category).
 *
 * <p>Fields: {@code question}, {@code options}, {@code answer}, {@code category} (as written, lm-eval's subtask
 * filter), {@code subject} (the category with {@code _} for spaces: the subtask name {@code mmlu_pro_computer_science}),
 * {@code options_text} (lm-eval's {@code format_cot_example} option lines: {@code "A. " + option.strip() + "\n"} for
 * the first 10 options) and {@code cot_target} ({@code cot_content} without {@code "A: Let's think step by step. "},
 * lm-eval's {@code format_cot_target}); for lm-eval's {@code mmlu_pro_llama} (llama3/instruct/mmlu_pro)
 * {@code options_llama} (every option as written, {@code "A. " + option + "\n"}) and {@code cot_llama} (its
 * {@code fewshot_to_text}: {@code cot_content} without the prefix {@code "A: Let's think step by step."}, stripped,
 * each {@code "The answer is (X)."} written {@code "The best answer is X."}); for {@code leaderboard_mmlu_pro}
 * {@code letters} (A, B, ... one per option, its {@code doc_to_choice}) and {@code answer_index} (the answer letter's
 * position, the gold choice).
 */
public final class MmluProLoader implements DatasetLoader {
  private static final String LETTERS = "ABCDEFGHIJ";

  @Override
  public List<Doc> load(Path base, String split) {
    Path file = base.resolve(split + ".jsonl");
    if (!Files.exists(file) && Files.exists(base.resolve(split + ".jsonl.gz"))) {
      file = base.resolve(split + ".jsonl.gz");
    }
    List<Jsonl.Row> rows = Jsonl.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    Map<String, Integer> perCategory = new HashMap<>();
    for (Jsonl.Row row : rows) {
      String question = Jsonl.string(row, "question", file);
      String category = Jsonl.string(row, "category", file);
      String answer = Jsonl.string(row, "answer", file);
      String cot = Jsonl.string(row, "cot_content", file);
      JsonNode options = row.json().get("options");
      if (options == null || !options.isArray() || options.isEmpty()) {
        throw new DataFormatException(file, row.line(), "field 'options' is missing or not a non-empty array");
      }
      List<String> opts = new ArrayList<>();
      for (JsonNode o : options) {
        if (!o.isTextual()) {
          throw new DataFormatException(file, row.line(), "field 'options' item " + opts.size() + " is not a string");
        }
        opts.add(o.asText());
      }
      if (opts.size() > 26) {
        throw new DataFormatException(file, row.line(), "field 'options' holds " + opts.size() + " options; at most 26");
      }
      if (answer.length() != 1 || LETTERS.indexOf(answer.charAt(0)) < 0
          || LETTERS.indexOf(answer.charAt(0)) >= opts.size()) {
        throw new DataFormatException(file, row.line(), "field 'answer' must be the letter of one of the "
            + opts.size() + " options, got '" + answer + "'");
      }
      StringBuilder raw = new StringBuilder();
      for (int i = 0; i < opts.size(); i++) {
        raw.append((char) ('A' + i)).append(". ").append(opts.get(i)).append('\n');
      }
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < opts.size() && i < LETTERS.length(); i++) {
        lines.append(LETTERS.charAt(i)).append(". ").append(pyStrip(opts.get(i))).append('\n');
      }
      String subject = category.replace(' ', '_');
      int index = perCategory.merge(subject, 1, Integer::sum) - 1; // lm-eval's doc_id: position within the subtask
      Map<String, Object> fields = new HashMap<>();
      fields.put("question", question);
      fields.put("options", List.copyOf(opts));
      fields.put("answer", answer);
      fields.put("category", category);
      fields.put("subject", subject);
      fields.put("options_text", lines.toString());
      fields.put("cot_target", cot.replace("A: Let's think step by step. ", ""));
      fields.put("options_llama", raw.toString());
      fields.put("cot_llama", llamaTarget(cot));
      fields.put("letters", letters(opts.size()));
      fields.put("answer_index", LETTERS.indexOf(answer.charAt(0)));
      docs.add(new Doc(split + "/" + subject + "/" + index, index, fields));
    }
    return docs;
  }

  private static final java.util.regex.Pattern ANSWER_IS =
      java.util.regex.Pattern.compile("The answer is \\(([A-Z])\\)\\.");

  private static List<String> letters(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(String.valueOf((char) ('A' + i)));
    }
    return List.copyOf(out);
  }

  /** lm-eval llama3 mmlu_pro's {@code fewshot_to_text}. */
  static String llamaTarget(String cot) {
    String prefix = "A: Let's think step by step.";
    String t = pyStrip(cot.startsWith(prefix) ? cot.substring(prefix.length()) : cot);
    return ANSWER_IS.matcher(t).replaceAll("The best answer is $1.");
  }

  /** Python's {@code str.strip()} (Unicode white space). */
  static String pyStrip(String s) {
    return dev.llamakit.eval.extract.PyStrings.strip(s);
  }
}
