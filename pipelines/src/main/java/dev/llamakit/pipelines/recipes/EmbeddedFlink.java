package dev.llamakit.pipelines.recipes;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of the embedded Flink mini-cluster, as a Flink configuration folder passed with
 * {@code --flinkConfDir}: more managed memory than Flink's 128 MB local default, because every group-by of a recipe
 * (line dedup's two shuffles, MinHash's rounds) sorts in it and spills to disk past it — a 60,000-document run's
 * line occurrences alone are ~70 MB of sort records. One thirty-second of the machine's memory, between 128 and
 * 768 MB, off the heap. A user's own {@code FLINK_CONF_DIR} replaces it entirely; a cluster run never uses it.
 */
final class EmbeddedFlink {
  static final long MIN_MANAGED = 128L << 20;
  static final long MAX_MANAGED = 768L << 20;

  private static Path dir;

  private EmbeddedFlink() {}

  /** Managed memory for a machine with {@code physical} bytes of memory. */
  static long managedMemory(long physical) {
    return Math.clamp(physical / 32, MIN_MANAGED, MAX_MANAGED);
  }

  /** The folder, written once per JVM and removed when it exits. */
  static synchronized Path confDir() {
    if (dir == null) {
      try {
        long physical = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        Path d = Files.createTempDirectory("llamakit-flink-conf");
        Path conf = Files.writeString(d.resolve("config.yaml"), """
            taskmanager:
              memory:
                managed:
                  size: %dm
            """.formatted(managedMemory(physical) >> 20));
        conf.toFile().deleteOnExit();
        d.toFile().deleteOnExit();
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the embedded Flink configuration: " + e.getMessage(), e);
      }
    }
    return dir;
  }
}
