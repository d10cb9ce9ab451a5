package dev.llamakit.eval.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.JsonText;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.eval.math.Boxed;
import dev.llamakit.eval.math.MinervaAnswer;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.TaskRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MATH (Hendrycks et al. 2021) in its release layout: {@code MATH/SPLIT/SUBJECT/ID.json}, one problem per file, a JSON
 * object {@code {problem, level, type, solution}}; the seven subject folders of {@code math-subjects.json} must all be
 * there. Documents come subject by subject in lm-eval's group order, each subject's files in the numeric order of
 * their names. Fields: {@code problem}, {@code solution}, {@code level}, {@code type}, {@code subject} (lm-eval's
 * subtask suffix: {@code counting_and_prob}, {@code num_theory}, ...), {@code answer} (lm-eval minerva's
 * {@code normalize_final_answer(remove_boxed(last_boxed_only_string(solution)))}) and {@code boxed}
 * ({@code remove_boxed(last_boxed_only_string(solution))}, hendrycks_math's reference).
 */
public final class MathLoader implements DatasetLoader {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Override
  public List<Doc> load(Path base, String split) {
    JsonNode subjects = TaskRegistry.readTree("/dev/llamakit/eval/data/math-subjects.json").get("subjects");
    List<Doc> docs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = subjects.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> s = it.next();
      Path dir = base.resolve(split).resolve(s.getKey());
      if (!Files.isDirectory(dir)) {
        throw new DataFormatException(dir + ": folder not found (the MATH release holds MATH/" + split + "/"
            + s.getKey() + "/*.json)");
      }
      for (Path f : files(dir)) {
        docs.add(doc(f, s.getKey(), s.getValue().asText(), docs.size()));
      }
    }
    return docs;
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> st = Files.list(dir)) {
      List<Path> out = new ArrayList<>(st.filter(p -> p.getFileName().toString().endsWith(".json")).toList());
      out.sort((a, b) -> {
        String x = stem(a);
        String y = stem(b);
        boolean nx = x.chars().allMatch(Character::isDigit) && !x.isEmpty();
        boolean ny = y.chars().allMatch(Character::isDigit) && !y.isEmpty();
        if (nx && ny) {
          int c = Integer.compare(x.length(), y.length());
          return c != 0 ? c : x.compareTo(y);
        }
        return nx != ny ? (nx ? -1 : 1) : x.compareTo(y);
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - ".json".length());
  }

  /** One problem file of subject folder {@code folder} (lm-eval suffix {@code subject}), at {@code index}. */
  static Doc doc(Path file, String folder, String subject, int index) {
    JsonNode n;
    try {
      n = JSON.readTree(TextLines.readAll(file));
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(file, Math.max(line, 0), "not valid JSON: " + e.getOriginalMessage().lines()
          .findFirst().orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new DataFormatException(file + ": expected a JSON object {problem, level, type, solution}");
    }
    if (JsonText.firstNonText(n) != null) {
      throw new DataFormatException(file + ": a string holds an unpaired surrogate escape: not text");
    }
    Map<String, Object> f = new HashMap<>();
    for (String name : List.of("problem", "level", "type", "solution")) {
      JsonNode v = n.get(name);
      if (v == null || !v.isTextual()) {
        throw new DataFormatException(file + ": field '" + name + "' is missing or not a string");
      }
      f.put(name, v.asText());
    }
    String solution = (String) f.get("solution");
    String boxed = Boxed.lastBoxedOnly(solution);
    if (boxed == null) {
      throw new DataFormatException(file + ": field 'solution' has no \\boxed{...} answer (lm-eval's process_docs "
          + "fails on such a problem)");
    }
    try {
      f.put("boxed", Boxed.remove(boxed));
      f.put("answer", MinervaAnswer.normalize(Boxed.remove(boxed)));
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": field 'solution': " + e.getMessage());
    }
    f.put("subject", subject);
    return new Doc(folder + "/" + file.getFileName(), index, f);
  }
}
