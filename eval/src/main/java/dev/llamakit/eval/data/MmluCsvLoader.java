package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MMLU in the original hendrycks layout: {@code SPLIT/SUBJECT_SPLIT.csv}, no header, rows
 * {@code question,A,B,C,D,answer-letter}. Fields: {@code question}, {@code choices}, {@code answer} (0-3),
 * {@code subject}; ids {@code split/subject/index}.
 */
public final class MmluCsvLoader implements DatasetLoader {
  @Override
  public List<Doc> load(Path base, String split) {
    Path dir = base.resolve(split);
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir, 0, "MMLU split folder not found (expected " + split + "/SUBJECT_" + split
          + ".csv files)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("_" + split + ".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new DataFormatException(dir, 0, "no *_" + split + ".csv files");
    }
    List<Doc> docs = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      docs.addAll(subject(f, name.substring(0, name.length() - ("_" + split + ".csv").length()), split));
    }
    return docs;
  }

  /** The rows of one subject file. */
  public static List<Doc> subject(Path file, String subject, String split) {
    List<Csv.Row> rows = Csv.read(file);
    List<Doc> docs = new ArrayList<>(rows.size());
    for (Csv.Row r : rows) {
      List<String> f = r.fields();
      if (f.size() != 6) {
        throw new DataFormatException(file, r.line(), "expected 6 fields (question,A,B,C,D,answer), got " + f.size());
      }
      String a = f.get(5).strip();
      if (a.length() != 1 || a.charAt(0) < 'A' || a.charAt(0) > 'D') {
        throw new DataFormatException(file, r.line(), "field 6 (answer) must be one of A-D, got '" + f.get(5) + "'");
      }
      int index = docs.size();
      docs.add(new Doc(split + "/" + subject + "/" + index, index, Map.of(
          "question", f.get(0), "choices", List.of(f.get(1), f.get(2), f.get(3), f.get(4)),
          "answer", a.charAt(0) - 'A', "subject", subject)));
    }
    return docs;
  }
}
