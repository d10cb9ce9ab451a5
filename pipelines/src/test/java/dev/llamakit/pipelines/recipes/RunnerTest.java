package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which --master values name a cluster, and a cluster that cannot be reached failing fast in one line. */
class RunnerTest {
  /** A port on this machine that nothing listens on (bound, then released). */
  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void embeddedAndManagedMastersAreNotChecked() {
    assertEquals(List.of(), Runner.FLINK.clusterAddresses(null));
    assertEquals(List.of(), Runner.FLINK.clusterAddresses("[local]"));
    assertEquals(List.of(), Runner.FLINK.clusterAddresses("[auto]"));
    assertEquals(List.of(), Runner.SPARK.clusterAddresses("local[4]"));
    assertEquals(List.of(), Runner.SPARK.clusterAddresses("yarn"));
    assertEquals(List.of(), Runner.SPARK.clusterAddresses("k8s://https://api:6443"));
    assertEquals(List.of(), Runner.DIRECT.clusterAddresses("anything:1"));
  }

  @Test
  void clusterAddressesAreReadAsTheRunnersReadThem() {
    assertEquals(List.of("jm:8081"), Runner.FLINK.clusterAddresses("jm:8081"));
    assertEquals(List.of("jm:8081"), Runner.FLINK.clusterAddresses("http://jm:8081/"));
    assertEquals(List.of("[::1]:8081"), Runner.FLINK.clusterAddresses("[::1]:8081"));
    assertEquals(List.of("m1:7077", "m2:7077"), Runner.SPARK.clusterAddresses("spark://m1:7077,m2:7077"));
  }

  @Test
  void aClosedPortFailsInOneLineNamingTheAddressAtOnce() throws Exception {
    int port = closedPort();
    long t0 = System.nanoTime();
    ConnectException e = assertThrows(ConnectException.class,
        () -> Runner.FLINK.requireReachable("localhost:" + port));
    assertTrue((System.nanoTime() - t0) / 1e9 < Runner.CONNECT_TIMEOUT_MS / 1000.0, "bounded by the connect timeout");
    assertEquals("cannot reach the Flink JobManager at localhost:" + port + ": connection refused (is the cluster up? "
        + "--master takes the JobManager's REST address, host:8081 by default)", e.getMessage());
    e = assertThrows(ConnectException.class, () -> Runner.SPARK.requireReachable("spark://127.0.0.1:" + port));
    assertEquals("cannot reach the Spark master at 127.0.0.1:" + port + ": connection refused", e.getMessage());
    e = assertThrows(ConnectException.class, () -> Runner.FLINK.requireReachable("localhost:80a"));
    assertTrue(e.getMessage().endsWith("localhost:80a: '80a' is not a port number"), e.getMessage());
  }

  @Test
  void aListeningAddressPasses() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = s.getLocalPort();
      assertDoesNotThrow(() -> Runner.FLINK.requireReachable("http://127.0.0.1:" + port));
      assertDoesNotThrow(() -> Runner.SPARK.requireReachable("spark://127.0.0.1:" + closedPort() + ",127.0.0.1:" + port),
          "one live master of several is enough");
      assertDoesNotThrow(() -> Runner.FLINK.requireReachable("[local]"));
    }
  }
}
