package dev.llamakit.safety.fasttext;

import com.github.jfasttext.JFastText;
import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervised fastText training and quantization through JFastText, single-threaded so that a run is reproducible
 * (fastText seeds each training thread with its index; product quantization uses a fixed seed).
 *
 * @see Params the hyper-parameters, all explicit (the native code exits the JVM on an unknown option, so only
 *     these known options are ever passed)
 */
public final class FastTextTrainer {
  private FastTextTrainer() {}

  /**
   * Hyper-parameters of one training run.
   *
   * @param cutoff words and n-grams kept by quantization (0 = all)
   */
  public record Params(int dim, int epoch, double lr, int wordNgrams, int minn, int maxn, int bucket, int minCount,
                       int cutoff, boolean qnorm, boolean retrain) {
    List<String> trainArgs() {
      return List.of("-dim", "" + dim, "-epoch", "" + epoch, "-lr", "" + lr, "-wordNgrams", "" + wordNgrams,
          "-minn", "" + minn, "-maxn", "" + maxn, "-bucket", "" + bucket, "-minCount", "" + minCount,
          "-loss", "softmax", "-thread", "1");
    }
  }

  /** Runs {@link QuantizeMain} in a child JVM (fastText's quantize exits its process); output kept in a log file. */
  private static void quantizeInChildJvm(List<String> args, Path work) throws IOException {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), QuantizeMain.class.getName()));
    cmd.addAll(args);
    Path log = work.resolve("quantize.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int rc = p.waitFor();
      if (rc != 0) {
        String tail = Files.readString(log);
        throw new IOException("fastText quantize failed (exit " + rc + "): "
            + tail.substring(Math.max(0, tail.length() - 600)).replace('\r', '\n'));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while quantizing", e);
    }
  }

  /**
   * Trains on {@code trainFile} (fastText format: {@code __label__x tokens...} per line) and writes a quantized
   * model to {@code ftzOut} (via a temp name, then renamed). Returns {@code ftzOut}.
   */
  public static Path trainQuantized(Path trainFile, Path ftzOut, Params p) throws IOException {
    Path work = Files.createTempDirectory("llamakit-fasttext-");
    try {
      Path prefix = work.resolve("model");
      List<String> args = new ArrayList<>(List.of("supervised", "-input", trainFile.toString(), "-output", prefix.toString()));
      args.addAll(p.trainArgs());
      new JFastText().runCmd(args.toArray(String[]::new));
      List<String> q = new ArrayList<>(List.of("quantize", "-input", trainFile.toString(), "-output", prefix.toString(),
          "-dsub", "2"));
      if (p.cutoff() > 0) q.addAll(List.of("-cutoff", "" + p.cutoff()));
      if (p.qnorm()) q.add("-qnorm");
      if (p.retrain()) q.add("-retrain");
      q.addAll(List.of("-epoch", "" + p.epoch(), "-lr", "" + p.lr(), "-thread", "1"));
      quantizeInChildJvm(q, work);
      Path ftz = work.resolve("model.ftz");
      if (!Files.isRegularFile(ftz)) throw new IOException("fastText quantization wrote no model under " + work);
      return AtomicFile.replace(ftzOut, tmp -> Files.copy(ftz, tmp, StandardCopyOption.REPLACE_EXISTING));
    } finally {
      try (var s = Files.walk(work)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
