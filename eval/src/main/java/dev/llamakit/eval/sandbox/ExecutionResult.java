package dev.llamakit.eval.sandbox;

/**
 * The outcome of one sandboxed program.
 *
 * @param status passed, failed, timed out or crashed
 * @param result openai/human-eval's result string: {@code "passed"}, {@code "timed out"}, {@code "failed: ..."}
 *     (exception type and message) or {@code "crashed: ..."}
 * @param exitCode exit code of the sandbox (-1 when killed on timeout)
 * @param output the program's captured stdout and stderr (each cut at the capture limit)
 * @param millis wall-clock time including sandbox set-up
 */
public record ExecutionResult(Status status, String result, int exitCode, String output, long millis) {

  /** How a program ended. */
  public enum Status {
    /** Ran to the end without an exception. */
    PASSED,
    /** Raised an exception (an assertion of the tests, a MemoryError under the memory limit, SystemExit...). */
    FAILED,
    /** Exceeded the wall-clock or CPU-time limit and was killed. */
    TIMED_OUT,
    /** Died otherwise: killed by a signal (file-size limit...) or the sandbox itself failed. */
    CRASHED
  }

  public boolean passed() {
    return status == Status.PASSED;
  }
}
