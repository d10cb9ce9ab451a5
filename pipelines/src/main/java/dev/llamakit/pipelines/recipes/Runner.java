package dev.llamakit.pipelines.recipes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
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

  /** How long {@link #requireReachable} waits for a cluster address to accept a connection. */
  static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final String REFUSED = "connection refused";
  private static final String NO_ANSWER = "no answer within";

  /**
   * Fails in one line naming the address when {@code master} is a cluster that does not accept a TCP connection, so a
   * cluster that is down or mistyped costs seconds, not the runner's own retries (Flink's client retries a refused
   * submission for over a minute and then reports only "Connection refused"). Embedded and resource-manager masters
   * ({@code [local]}, {@code [auto]}, {@code local[N]}, {@code yarn}, {@code k8s://...}) are not checked.
   *
   * @param master the {@code --master} value, or null for an embedded run
   * @throws ConnectException naming the runner, the address and why it cannot be reached
   */
  public void requireReachable(String master) throws ConnectException {
    List<String> addresses = clusterAddresses(master);
    if (addresses.isEmpty()) {
      return;
    }
    String why = null;
    for (String a : addresses) {
      why = connect(a, this == SPARK ? 7077 : 8081);
      if (why == null) {
        return;
      }
    }
    throw new ConnectException("cannot reach the " + (this == SPARK ? "Spark master" : "Flink JobManager") + " at "
        + (addresses.size() == 1 ? addresses.getFirst() : String.join(", ", addresses)) + ": " + why
        + (this == FLINK && (why.equals(REFUSED) || why.startsWith(NO_ANSWER)) ? " (is the cluster up? --master "
            + "takes the JobManager's REST address, host:8081 by default)" : ""));
  }

  /** The host[:port] addresses named by a cluster {@code --master}; empty for an embedded or managed run. */
  List<String> clusterAddresses(String master) {
    if (master == null || master.isBlank()) {
      return List.of();
    }
    String m = master.strip();
    return switch (this) {
      case FLINK -> m.startsWith("[") && m.endsWith("]") && !m.contains(":") ? List.of()
          : List.of(m.replaceFirst("^(?i)https?://", "").replaceFirst("/.*$", ""));
      case SPARK -> m.regionMatches(true, 0, "spark://", 0, 8)
          ? List.of(m.substring(8).replaceFirst("/.*$", "").split(",")) : List.of();
      case DIRECT -> List.of();
    };
  }

  /** Null when {@code hostPort} accepts a TCP connection, else why not, in a few words. */
  static String connect(String hostPort, int defaultPort) {
    String host = hostPort;
    int port = defaultPort;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && hostPort.indexOf(']', colon) < 0 && (hostPort.startsWith("[") || hostPort.indexOf(':') == colon)) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        return "'" + hostPort.substring(colon + 1) + "' is not a port number";
      }
    }
    host = host.replaceFirst("^\\[(.*)]$", "$1");
    if (host.isEmpty() || port < 1 || port > 65535) {
      return "not a host:port address";
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return null;
    } catch (UnknownHostException e) {
      return "unknown host " + host;
    } catch (SocketTimeoutException e) {
      return NO_ANSWER + " " + CONNECT_TIMEOUT_MS / 1000 + " s";
    } catch (NoRouteToHostException e) {
      return "no route to host";
    } catch (ConnectException e) {
      return REFUSED;
    } catch (IOException | IllegalArgumentException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
