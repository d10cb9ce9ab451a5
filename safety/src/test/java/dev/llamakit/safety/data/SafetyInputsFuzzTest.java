package dev.llamakit.safety.data;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.safety.classifier.ModerationDataset;
import dev.llamakit.safety.injection.InjectionDataset;
import dev.llamakit.safety.testing.SafetyTrainFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the safety module's input readers (issue 17) with the shared harness: {@link DataFiles} in every
 * shape and the two training-set loaders ({@code safety eval}'s data set and {@code safety classify}'s input are
 * fuzzed by the command tests in cli/: {@code SafetyCommandsFuzzTest}). Contract: accepted, or a
 * {@link DataFileException} / {@link TextFormatException} naming the file; no other throwable, no hang. Long run:
 * {@code ./build -o -pl safety test -Dtest=SafetyInputsFuzzTest -Dllamakit.fuzz.inputs=10000}.
 */
class SafetyInputsFuzzTest {
  private static final String LABELLED_CSV = "text,label\n\"What is the capital of France?\",safe\n"
      + "\"Describe a brutal way\nto torture an animal.\",S1\n\nplain text,0\n\"Ünïcödé \"\"quoted\"\"\",unsafe\n";
  private static final String LABELLED_JSONL = """
      {"text": "What is the capital of France?", "label": "safe"}

      {"text": "How can I make a pipe bomb at home to hurt people?", "label": 1, "id": [1, {"k": null}]}
      {"text": "Ünïcödé — ok", "label": "S10"}
      """;
  private static final String LINES = "= Title =\n\nA sentence of WikiText .\r\nÜnïcödé 中文 line\n";

  private static List<byte[]> seeds(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static byte[] fixtureFile(String path) {
    return SafetyTrainFixture.FILES.get(path).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void csvWithHeader() throws IOException {
    FuzzRun.of("safety-csv", ".csv", seeds(LABELLED_CSV))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .run(file -> {
          for (DataFiles.CsvRow r : DataFiles.csv(file)) {
            r.field("text");
            r.field("label");
          }
        })
        .assertContract();
  }

  @Test
  void jsonl() throws IOException {
    FuzzRun.of("safety-jsonl", ".jsonl", seeds(LABELLED_JSONL))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .run(DataFiles::jsonlLines)
        .assertContract();
  }

  @Test
  void jsonArrayOfStringsAndLines() throws IOException {
    FuzzRun.of("safety-json", ".json", List.of(fixtureFile("jailbreak-inthewild/inthewild_jailbreak_llms.json")))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .run(DataFiles::jsonStrings)
        .assertContract();
    FuzzRun.of("safety-lines", ".txt", seeds(LINES))
        .rejectsWith(TextFormatException.class)
        .run(DataFiles::lines)
        .assertContract();
  }

  @Test
  void moderationDataset(@TempDir Path dir) throws IOException {
    Path train = SafetyTrainFixture.build(dir);
    String csv = "davidson-hate-offensive/labeled_data.csv";
    FuzzRun.of("moderation-davidson", ".csv", List.of(fixtureFile(csv)))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .messageCheck(m -> m.contains("labeled_data.csv"))
        .run(file -> {
          Files.copy(file, train.resolve(csv), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          new ModerationDataset().load(train, null);
        })
        .assertContract();
  }

  @Test
  void injectionDataset(@TempDir Path dir) throws IOException {
    Path train = SafetyTrainFixture.build(dir);
    String csv = "giskard-prompt-injections/prompt_injections.csv";
    FuzzRun.of("injection-giskard", ".csv", List.of(fixtureFile(csv)))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .messageCheck(m -> m.contains("prompt_injections.csv"))
        .run(file -> {
          Files.copy(file, train.resolve(csv), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          InjectionDataset.load(train, null, 7);
        })
        .assertContract();
  }
}
