package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.List;

/** Reads one benchmark's canonical file layout into {@link Doc}s; registered by name in {@link Datasets}. */
public interface DatasetLoader {

  /** The documents of {@code split} under {@code base} (the resolved dataset path), in file order. */
  List<Doc> load(Path base, String split);
}
