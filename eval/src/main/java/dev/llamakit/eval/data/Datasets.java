package dev.llamakit.eval.data;

import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loaders by name and the data folder ({@code --data DIR} or {@code $LLAMAKIT_DATA}). */
public final class Datasets {
  private static final Map<String, DatasetLoader> LOADERS = Map.of(
      "mmlu_csv", new MmluCsvLoader(),
      "gsm8k_jsonl", new Gsm8kLoader(),
      "humaneval_jsonl", new HumanEvalLoader(),
      "arc_jsonl", new ArcLoader(),
      "piqa_jsonl", new PiqaLoader(),
      "hellaswag_jsonl", new HellaswagLoader(),
      "winogrande_jsonl", new WinograndeLoader(),
      "boolq_jsonl", new BoolqLoader(),
      "openbookqa_jsonl", new OpenBookQaLoader());

  private Datasets() {}

  /** The loader {@code name}; unknown names get suggestions. */
  public static DatasetLoader loader(String name) {
    DatasetLoader l = LOADERS.get(name);
    if (l == null) {
      throw new IllegalArgumentException("unknown dataset loader '" + name + "'"
          + TaskRegistry.suggestions(name, LOADERS.keySet()));
    }
    return l;
  }

  /** {@code explicit} when given, else {@code $LLAMAKIT_DATA}; an error says how to set it when neither is. */
  public static Path dataDir(Path explicit) {
    if (explicit != null) {
      if (!Files.isDirectory(explicit)) {
        throw new DataFormatException("data folder " + explicit + " does not exist");
      }
      return explicit;
    }
    String env = System.getenv("LLAMAKIT_DATA");
    if (env == null || env.isBlank()) {
      throw new DataFormatException("no benchmark data folder: pass --data DIR or set LLAMAKIT_DATA (the folder holding "
          + "mmlu/, gsm8k/, humaneval/, arc/, piqa/, hellaswag/, winogrande/, boolq/ and openbookqa/ in their canonical layouts)");
    }
    return dataDir(Path.of(env));
  }

  /** The first of the dataset's candidate paths that exists under {@code dataDir}. */
  public static Path resolve(Path dataDir, TaskSpec.DatasetSpec ds) {
    List<Path> tried = new ArrayList<>();
    for (String p : ds.paths()) {
      Path c = dataDir.resolve(p);
      if (Files.exists(c)) {
        return c;
      }
      tried.add(c);
    }
    throw new DataFormatException("dataset of loader " + ds.loader() + " not found; looked for " + tried);
  }
}
