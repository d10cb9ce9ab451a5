package dev.llamakit.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.eval.data.DataFormatException;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --contamination FILE --subset S}: a task plans exactly the documents the report puts in subset S, matched
 * by benchmark and eval's own document ids; a report that misses a document or the benchmark is a clear error.
 */
class ContaminationSubsetTest {
  @TempDir Path tmp;

  static final ModelIdentity MODEL = new ModelIdentity("m.gguf", "0".repeat(64));

  static String row(String benchmark, String id, double coverage, String... subsets) {
    return "{\"benchmark\":\"" + benchmark + "\",\"id\":\"" + id + "\",\"tokens\":40,\"covered\":0,\"coverage\":"
        + coverage + ",\"subsets\":[\"" + String.join("\",\"", subsets) + "\"]}\n";
  }

  Path report() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      sb.append(i % 2 == 1 ? row("gsm8k", "test/" + i, 0.9, "not-clean", "dirty")
          : row("gsm8k", "test/" + i, 0.0, "clean", "not-dirty"));
    }
    sb.append(row("mmlu", "test/abstract_algebra/0", 0.1, "clean", "not-dirty"));
    sb.append(row("mmlu", "test/anatomy/0", 0.5, "not-clean", "not-dirty"));
    sb.append(row("mmlu", "test/anatomy/1", 1.0, "not-clean", "dirty"));
    for (int i = 0; i < 5; i++) {
      sb.append(i == 0 || i == 4 ? row("mmlu", "test/world_religions/" + i, 0.85, "not-clean", "dirty")
          : row("mmlu", "test/world_religions/" + i, 0.05, "clean", "not-dirty"));
    }
    Path f = tmp.resolve("contamination.jsonl");
    Files.writeString(f, sb);
    return f;
  }

  static Map<String, List<String>> ids(TaskPlan plan) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    plan.subtasks().forEach((k, v) -> m.put(k, v.stream().map(p -> p.doc().id()).toList()));
    return m;
  }

  TaskPlan plan(String task, ContaminationSubset subset, Path data) {
    return TaskPlan.of(TaskRegistry.builtIn().get(task), data, RunSettings.defaults().withSubset(subset), MODEL);
  }

  @Test
  void plansOnlyTheDocumentsOfTheSubset() throws Exception {
    Path data = FixtureData.build(tmp.resolve("data"));
    Path f = report();
    assertEquals(Map.of("gsm8k_cot", List.of("test/1", "test/3")),
        ids(plan("gsm8k_cot", ContaminationSubset.read(f, "dirty"), data)));
    assertEquals(Map.of("gsm8k_cot", List.of("test/0", "test/2")),
        ids(plan("gsm8k_cot", ContaminationSubset.read(f, "clean"), data)));
    TaskPlan dirty = plan("mmlu", ContaminationSubset.read(f, "dirty"), data);
    assertEquals(Map.of("mmlu_anatomy", List.of("test/anatomy/1"),
        "mmlu_world_religions", List.of("test/world_religions/0", "test/world_religions/4")), ids(dirty));
    assertEquals(Map.of("mmlu_anatomy", 2, "mmlu_world_religions", 5), dirty.originalSizes());
    assertEquals(Map.of("mmlu_anatomy", "stem", "mmlu_world_religions", "humanities").keySet(),
        dirty.categories().keySet());
    assertEquals(List.of("test/anatomy/0", "test/anatomy/1"),
        ids(plan("mmlu", ContaminationSubset.read(f, "not-clean"), data)).get("mmlu_anatomy"));
    // --limit applies within the subset
    TaskPlan limited = TaskPlan.of(TaskRegistry.builtIn().get("gsm8k_cot"), data,
        RunSettings.defaults().withSubset(ContaminationSubset.read(f, "not-dirty")).withLimit(1), MODEL);
    assertEquals(Map.of("gsm8k_cot", List.of("test/0")), ids(limited));
  }

  @Test
  void aReportWithoutTheDocumentsIsAClearError() throws Exception {
    Path data = FixtureData.build(tmp.resolve("data"));
    Path partial = tmp.resolve("partial.jsonl");
    Files.writeString(partial, row("gsm8k", "test/0", 0.0, "clean", "not-dirty"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> plan("gsm8k_cot", ContaminationSubset.read(partial, "clean"), data));
    assertEquals(partial + ": no item test/1 of benchmark gsm8k (task gsm8k_cot); was the report made from the same "
        + "benchmark files?", e.getMessage());
    e = assertThrows(DataFormatException.class, () -> plan("arc_easy", ContaminationSubset.read(partial, "clean"), data));
    assertEquals(partial + ": no items of benchmark arc_easy (task arc_easy); benchmarks in the file: [gsm8k]",
        e.getMessage());
    Files.writeString(partial, row("gsm8k", "test/0", 0.0, "clean") + "{\"benchmark\":\"gsm8k\",\"id\":\"test/1\"}\n");
    e = assertThrows(DataFormatException.class, () -> ContaminationSubset.read(partial, "clean"));
    assertEquals(partial + ":2: field 'subsets' is missing or not a list", e.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> ContaminationSubset.read(partial, "filthy"));
    assertEquals("--subset must be clean, not-clean, not-dirty or dirty, not 'filthy'", a.getMessage());
  }
}
