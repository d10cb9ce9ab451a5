package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class EmbeddedFlinkTest {
  @Test
  void managedMemoryIsAThirtySecondOfTheMachineWithinBounds() {
    assertEquals(128L << 20, EmbeddedFlink.managedMemory(2L << 30), "a 2 GB machine keeps Flink's default");
    assertEquals(256L << 20, EmbeddedFlink.managedMemory(8L << 30));
    assertEquals(768L << 20, EmbeddedFlink.managedMemory(64L << 30), "capped");
  }

  /** Flink itself reads the folder the embedded runner is given, with the size written there. */
  @Test
  void flinkReadsTheGeneratedFolder() {
    assumeTrue(System.getenv("FLINK_CONF_DIR") == null, "FLINK_CONF_DIR is set: the user's configuration is used");
    List<String> args = Runner.FLINK.arguments(1, null);
    String flag = args.stream().filter(a -> a.startsWith("--flinkConfDir=")).findFirst().orElseThrow();
    Path dir = Path.of(flag.substring("--flinkConfDir=".length()));
    assertTrue(Files.isRegularFile(dir.resolve("config.yaml")));
    Configuration c = GlobalConfiguration.loadConfiguration(dir.toString());
    long physical = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    assertEquals(MemorySize.ofMebiBytes(EmbeddedFlink.managedMemory(physical) >> 20),
        c.get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
    assertFalse(Runner.FLINK.arguments(1, "jobmanager:8081").stream().anyMatch(a -> a.startsWith("--flinkConfDir")),
        "a cluster run uses the cluster's own configuration");
  }
}
