package dev.llamakit.pipelines.recipes;

/**
 * A recipe run that failed inside the runner, told in one line: the message of the failure's root cause — the
 * deepest llamakit exception in the chain (e.g. {@code broken.jsonl#2: INVALID_JSON: ...}), else the deepest cause —
 * instead of the runner's layers of wrapping. The whole chain stays attached as the cause for {@code LLAMAKIT_DEBUG=1}.
 */
public final class PipelineFailedException extends RuntimeException {
  private PipelineFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The one-line failure of a run that threw {@code runnerFailure}. */
  public static PipelineFailedException of(Throwable runnerFailure) {
    Throwable ours = null;
    Throwable deepest = runnerFailure;
    for (Throwable t = runnerFailure; t != null && t.getCause() != t; t = t.getCause()) {
      deepest = t;
      if (t.getClass().getName().startsWith("dev.llamakit.") || isIoProblem(t)) {
        ours = t;
      }
    }
    Throwable root = ours != null ? ours : deepest;
    String message = root.getMessage() == null || root.getMessage().isBlank()
        ? root.getClass().getSimpleName() : root.getMessage();
    return new PipelineFailedException(message, runnerFailure);
  }

  /** Failures of llamakit's own reading code that surface as JDK exceptions (their messages name the file). */
  private static boolean isIoProblem(Throwable t) {
    return t instanceof java.io.UncheckedIOException || t instanceof java.nio.file.FileSystemException;
  }
}
