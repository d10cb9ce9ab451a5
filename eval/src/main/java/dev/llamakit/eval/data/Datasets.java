package dev.llamakit.eval.data;

import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Loaders by name and the data folder ({@code --data DIR} or {@code $LLAMAKIT_DATA}). */
public final class Datasets {
  /** The table {@code loaders.properties} beside this class: loader name = class with a no-argument constructor. */
  private static final Map<String, DatasetLoader> LOADERS = readTable();

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

  private static Map<String, DatasetLoader> readTable() {
    Properties table = new Properties();
    try (InputStream in = Datasets.class.getResourceAsStream("loaders.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/llamakit/eval/data/loaders.properties missing from the class path");
      }
      table.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, DatasetLoader> loaders = new TreeMap<>();
    for (String name : table.stringPropertyNames()) {
      String cls = table.getProperty(name).strip();
      try {
        loaders.put(name, (DatasetLoader) Class.forName(cls).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IllegalStateException("loaders.properties: loader '" + name + "' names " + cls
            + ", not a DatasetLoader with a no-argument constructor", e);
      }
    }
    return Map.copyOf(loaders);
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
          + "each benchmark's folder in its canonical layout: mmlu/, gsm8k/, arc/, ...; `llamakit eval tasks` lists "
          + "each task's paths)");
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
