package dev.llamakit.eval.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs untrusted Python programs (HumanEval completions), each in its own python3 process, isolated.
 *
 * <p>Isolated mode (the default; needs root or user namespaces and util-linux {@code unshare}): every program gets new
 * network, mount and pid namespaces; inside, a private tmpfs becomes the root ({@code chroot}) holding read-only
 * binds of {@code /usr} and the Python installation, {@code /dev/null|zero|urandom} and an empty writable
 * {@code /work} (the working folder) and {@code /tmp}; it runs as an unprivileged uid of its own (one per worker slot)
 * with no capabilities, {@code no_new_privs}, an empty environment and rlimits on CPU time, address space, processes,
 * file size and open files. The host's files, other samples' folders and the network are not reachable; when the
 * program's first process ends the pid namespace ends and every process it left behind is killed; on timeout the
 * whole namespace is killed.
 *
 * <p>Not defended: a program can forge its own verdict (it shares the interpreter with the launcher, as in
 * openai/human-eval), kernel exploits, and reading the binaries and libraries under {@code /usr}.
 *
 * <p>Fallback mode ({@link SandboxConfig#allowUnisolatedFallback()}, only when namespaces are unavailable): rlimits,
 * an empty environment and a fresh temporary folder only — the program can read the host's files and use the
 * network, and processes it detaches are killed only on timeout, not reliably.
 */
public final class Sandbox implements AutoCloseable {
  private static final String RESULT = "LLAMAKIT-RESULT ";
  private static final int UID_BASE = 61000;
  private static final long SETUP_GRACE_MILLIS = 15_000;

  private final SandboxConfig config;
  private final String unshare;
  private final Path home;
  private final Path script;
  private final Path launcher;
  private final String launcherText;
  private final String pythonPrefix;
  private final String python;
  private final boolean isolated;
  private final BlockingQueue<Integer> slots;
  private final ExecutorService pool;

  /**
   * Prepares the sandbox and proves it works with a trivial program.
   *
   * @throws IllegalStateException when python3 is missing, or namespaces are unavailable and the fallback is not
   *     allowed
   */
  public Sandbox(SandboxConfig config) {
    this(config, "unshare");
  }

  /** As {@link #Sandbox(SandboxConfig)} with another {@code unshare} binary (tests use a missing one). */
  Sandbox(SandboxConfig config, String unshare) {
    this.config = config;
    this.unshare = unshare;
    try {
      this.home = Files.createTempDirectory("llamakit-sandbox-");
      this.script = home.resolve("sandbox.sh");
      this.launcher = home.resolve("launcher.py");
      Files.write(script, resource("sandbox.sh"));
      this.launcherText = new String(resource("launcher.py"), StandardCharsets.UTF_8);
      Files.writeString(launcher, launcherText);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the sandbox: " + e.getMessage(), e);
    }
    String[] py = locatePython();
    this.pythonPrefix = py[0];
    this.python = py[1];
    this.slots = new ArrayBlockingQueue<>(config.workers());
    for (int i = 0; i < config.workers(); i++) {
      slots.add(i);
    }
    this.pool = Executors.newFixedThreadPool(config.workers(), r -> {
      Thread t = new Thread(r, "sandbox-worker");
      t.setDaemon(true);
      return t;
    });
    boolean ok;
    String why;
    ExecutionResult probe = runIsolated("import sys\nassert sys.flags.isolated == 1\n", 0);
    ok = probe.passed();
    why = probe.result() + " " + probe.output().strip();
    if (!ok && !config.allowUnisolatedFallback()) {
      close();
      throw new IllegalStateException("the code sandbox cannot isolate programs on this machine (" + why + "); it needs "
          + "util-linux 'unshare' with network, mount and pid namespaces (root or unprivileged user namespaces). "
          + "Refusing to run untrusted code; pass --allow-unisolated-sandbox to run it with resource limits only");
    }
    this.isolated = ok;
  }

  /** True when programs run in namespaces; false in the explicitly allowed fallback. */
  public boolean isolated() {
    return isolated;
  }

  /** Runs one program (blocking), in the first free worker slot. */
  public ExecutionResult run(String program) {
    int slot;
    try {
      slot = slots.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    try {
      return isolated ? runIsolated(program, slot) : runFallback(program);
    } finally {
      slots.add(slot);
    }
  }

  /** Runs every program on the worker pool; results in input order. */
  public List<ExecutionResult> runAll(List<String> programs) {
    List<Future<ExecutionResult>> futures = new ArrayList<>();
    for (String p : programs) {
      futures.add(pool.submit(() -> run(p)));
    }
    List<ExecutionResult> out = new ArrayList<>(programs.size());
    for (Future<ExecutionResult> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("sandbox worker failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  private ExecutionResult runIsolated(String program, int slot) {
    long cpu = (long) Math.ceil(config.timeout().toMillis() / 1000.0) + 1;
    List<String> cmd = List.of(unshare, "--net", "--mount", "--pid", "--fork", "--kill-child",
        "sh", script.toString(), Integer.toString(UID_BASE + slot), pythonPrefix, python, Long.toString(cpu),
        Long.toString(config.memoryBytes()), Integer.toString(config.maxProcesses()),
        Long.toString(config.maxFileBytes()), Long.toString(config.tmpfsBytes()),
        String.format(java.util.Locale.ROOT, "%.3f", config.timeout().toMillis() / 1000.0));
    String stdin = launcherText + "\nLLAMAKIT-PROGRAM-FOLLOWS\n" + program + "\n";
    return execute(new ProcessBuilder(cmd).directory(home.toFile()), stdin);
  }

  private ExecutionResult runFallback(String program) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory(home, "work-");
      Path prog = dir.resolve("program.py");
      Files.writeString(prog, program);
      long cpu = (long) Math.ceil(config.timeout().toMillis() / 1000.0) + 1;
      // soft CPU limit below the hard one: the program gets SIGXCPU (a time-out) before the kernel's SIGKILL
      ProcessBuilder pb = new ProcessBuilder("prlimit", "--cpu=" + cpu + ":" + (cpu + 1), "--as=" + config.memoryBytes(),
          "--fsize=" + config.maxFileBytes(), "--nofile=64", "--core=0", "--",
          python, "-I", "-B", launcher.toString(), prog.toString()).directory(dir.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      return execute(pb, "");
    } catch (IOException e) {
      return new ExecutionResult(ExecutionResult.Status.CRASHED, "crashed: " + e.getMessage(), -1, "", 0);
    } finally {
      deleteTree(dir);
    }
  }

  private ExecutionResult execute(ProcessBuilder pb, String stdin) {
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ExecutionResult(ExecutionResult.Status.CRASHED, "crashed: cannot start: " + e.getMessage(), -1, "", 0);
    }
    Capture out = new Capture(p.getInputStream(), config.captureBytes());
    Capture err = new Capture(p.getErrorStream(), config.captureBytes());
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the sandbox ended before reading its input; its exit status tells why
    }
    boolean finished;
    try {
      // the program's own clock runs inside the sandbox (from its start, set-up excluded); this is the backstop
      finished = p.waitFor(config.timeout().toMillis() + (isolated ? SETUP_GRACE_MILLIS : 1000), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (!finished) {
      kill(p);
    }
    String o = out.text();
    String e = err.text();
    long ms = (System.nanoTime() - start) / 1_000_000;
    String output = o + (e.isEmpty() ? "" : (o.isEmpty() ? "" : "\n") + e);
    if (!finished) {
      return new ExecutionResult(ExecutionResult.Status.TIMED_OUT, "timed out", -1, output, ms);
    }
    int code = p.exitValue();
    String marker = lastMarker(e);
    if (code == 0 && "passed".equals(marker)) {
      return new ExecutionResult(ExecutionResult.Status.PASSED, "passed", code, output, ms);
    }
    if (code == 1 && marker != null && marker.startsWith("failed: ")) {
      return new ExecutionResult(ExecutionResult.Status.FAILED, marker, code, output, ms);
    }
    // 124: the wall clock ran out (137: TERM was ignored and KILL followed); 152 = SIGXCPU, the CPU-time limit
    if ((isolated && code == 124) || (code == 137 && ms >= config.timeout().toMillis()) || code == 128 + 24) {
      return new ExecutionResult(ExecutionResult.Status.TIMED_OUT, "timed out", code, output, ms);
    }
    String why = code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
    return new ExecutionResult(ExecutionResult.Status.CRASHED, "crashed: " + why, code, output, ms);
  }

  private static String lastMarker(String stderr) {
    String[] lines = stderr.strip().split("\n");
    String last = lines[lines.length - 1];
    return last.startsWith(RESULT) ? last.substring(RESULT.length()).strip() : null;
  }

  private static void kill(Process p) {
    List<ProcessHandle> tree = p.descendants().toList();
    p.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String[] locatePython() {
    try {
      Process p = new ProcessBuilder("python3", "-c",
          "import os,sys;print(sys.base_prefix);print(os.path.realpath(sys.executable))").start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("python3 failed to report its location");
      }
      String[] lines = text.strip().split("\n");
      return new String[] {lines[0].strip(), lines[1].strip()};
    } catch (IOException e) {
      throw new IllegalStateException("the code sandbox needs python3 on PATH: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Sandbox.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary folder
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    deleteTree(home);
  }

  /** Drains a stream on a virtual thread, keeping its first {@code limit} bytes and its last 4 KiB. */
  private static final class Capture {
    private static final int TAIL = 4096;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL];
    private long total;
    private final Thread thread;

    Capture(InputStream in, int limit) {
      thread = Thread.ofVirtual().start(() -> {
        byte[] b = new byte[8192];
        try (in) {
          for (int n; (n = in.read(b)) > 0; ) {
            synchronized (this) {
              int room = limit - head.size();
              if (room > 0) {
                head.write(b, 0, Math.min(room, n));
              }
              for (int i = 0; i < n; i++) {
                tail[(int) ((total + i) % TAIL)] = b[i];
              }
              total += n;
            }
          }
        } catch (IOException ignored) {
          // the process was killed
        }
      });
    }

    String text() {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        String h = head.toString(StandardCharsets.UTF_8);
        if (total <= head.size()) {
          return h;
        }
        int keep = (int) Math.min(TAIL, total - head.size());
        byte[] t = new byte[keep];
        for (int i = 0; i < keep; i++) {
          t[i] = tail[(int) ((total - keep + i) % TAIL)];
        }
        return h + "\n[... " + (total - head.size() - keep) + " bytes cut ...]\n" + new String(t, StandardCharsets.UTF_8);
      }
    }
  }
}
