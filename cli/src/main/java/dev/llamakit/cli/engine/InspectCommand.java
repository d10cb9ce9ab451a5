package dev.llamakit.cli.engine;

import dev.llamakit.engine.gguf.FileType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.TensorInfo;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit engine inspect}: a GGUF file's metadata and tensor table. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print a GGUF file's file type (as llama.cpp names it), metadata (long arrays abbreviated) and"
        + " tensor table.")
public final class InspectCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "The GGUF file.")
  Path model;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    try (GgufFile f = GgufFile.open(model)) {
      out.printf("%s: GGUF v%d, %d metadata keys, %d tensors, data at offset %d%n", model, f.version(),
          f.metadata().keys().size(), f.tensors().size(), f.dataOffset());
      out.printf("file type: %s%n", FileType.describe(f));
      for (Map.Entry<String, Object> e : f.metadata().asMap().entrySet()) {
        out.printf("  %-45s %s%n", e.getKey(), show(e.getValue()));
      }
      out.printf("%n  %-32s %-6s %-22s %14s %14s%n", "tensor", "type", "shape", "bytes", "offset");
      long total = 0;
      for (TensorInfo t : f.tensors()) {
        out.printf("  %-32s %-6s %-22s %14d %14d%n", t.name(), t.type(), Arrays.toString(t.shape()), t.byteSize(),
            t.offset());
        total += t.byteSize();
      }
      out.printf("  total tensor bytes: %d%n", total);
    }
    return 0;
  }

  private static String show(Object v) {
    if (v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < Math.min(n, 8); i++) {
        sb.append(i > 0 ? ", " : "").append(Array.get(v, i));
      }
      return sb.append(n > 8 ? ", ... (" + n + " items)]" : "]").toString();
    }
    String s = String.valueOf(v);
    return s.length() > 120 ? s.substring(0, 117).replace("\n", "\\n") + "..." : s.replace("\n", "\\n");
  }
}
