package dev.llamakit.pipelines.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Beam runners a recipe can run on, and the options each needs. Runner jars are optional (Maven profiles), so a
 * runner is looked up by class name and a missing one is a clear error saying how to build it in.
 */
public enum Runner {
  /** Beam on Flink: an in-process mini-cluster by default ({@code [local]}), or a cluster's JobManager address. */
  FLINK("org.apache.beam.runners.flink.FlinkRunner", "flink"),
  /** Beam on Spark 3: {@code local[N]} by default, or a cluster master URL. */
  SPARK("org.apache.beam.runners.spark.SparkRunner", "spark"),
  /** Beam's DirectRunner: slow, checks the pipeline's contracts; for tests and debugging. */
  DIRECT("org.apache.beam.runners.direct.DirectRunner", "direct");

  private final String className;
  private final String profile;

  Runner(String className, String profile) {
    this.className = className;
    this.profile = profile;
  }

  public static Runner parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown runner '" + s + "' (flink, spark or direct)");
    }
  }

  /** Fails with the build command that adds this runner when its classes are not on the class path. */
  public void requireAvailable() {
    try {
      Class.forName(className, false, Runner.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the " + name().toLowerCase(Locale.ROOT) + " runner is not in this build; "
          + "rebuild with: ./build -P" + (this == FLINK ? "flink" : "flink," + profile) + " package -DskipTests");
    }
  }

  /**
   * Beam pipeline arguments for this runner.
   *
   * @param parallelism workers (threads) for local runs
   * @param master cluster address, or null for an embedded local run
   */
  public List<String> arguments(int parallelism, String master) {
    List<String> a = new ArrayList<>();
    a.add("--runner=" + className.substring(className.lastIndexOf('.') + 1));
    switch (this) {
      case FLINK -> {
        a.add("--flinkMaster=" + (master == null ? "[local]" : master));
        a.add("--parallelism=" + parallelism);
        a.add("--objectReuse=true");
        a.add("--fasterCopy=true");
      }
      case SPARK -> a.add("--sparkMaster=" + (master == null ? "local[" + parallelism + "]" : master));
      case DIRECT -> {
        a.add("--targetParallelism=" + parallelism);
        a.add("--blockOnRun=true");
      }
    }
    return a;
  }
}
