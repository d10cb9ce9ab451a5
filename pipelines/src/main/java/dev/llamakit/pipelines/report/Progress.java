package dev.llamakit.pipelines.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The progress line of a pipeline run: documents read, documents/s, bytes read of the input's total and the time
 * left, printed to stderr while the run goes on. {@code AUTO} redraws one line in place when stderr is a terminal and
 * prints nothing otherwise; {@code PLAIN} prints a line every interval (for logs); {@code NONE} prints nothing. The
 * summary at the end is the report's, as before.
 *
 * <p>The readers of this JVM feed it ({@link #documentRead()}, {@link #bytesRead(long)}): an embedded run shows
 * everything; on a cluster the workers read elsewhere and only the final summary tells.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(Progress.Mode.AUTO, totalBytes, System.err)) {
 *   pipeline.run().waitUntilFinish();
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  /** How progress shows. */
  public enum Mode {
    AUTO, PLAIN, NONE;

    /** {@code auto}, {@code plain} or {@code none}. */
    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(s)) {
          return m;
        }
      }
      throw new IllegalArgumentException("--progress must be auto, plain or none, got " + s);
    }
  }

  private static final LongAdder DOCUMENTS = new LongAdder();
  private static final LongAdder BYTES = new LongAdder();

  private final Thread thread;
  private final boolean inPlace;
  private final PrintStream err;

  private Progress(Thread thread, boolean inPlace, PrintStream err) {
    this.thread = thread;
    this.inPlace = inPlace;
    this.err = err;
  }

  /** A reader of this JVM read one record (a document or a counted drop). */
  public static void documentRead() {
    DOCUMENTS.increment();
  }

  /** A reader of this JVM read {@code n} more bytes of input (as stored, e.g. gzip). */
  public static void bytesRead(long n) {
    BYTES.add(n);
  }

  /** Starts showing progress of a run over {@code totalBytes} of input; close it when the run ends. */
  public static Progress start(Mode mode, long totalBytes, PrintStream err) {
    boolean terminal = System.console() != null && System.console().isTerminal();
    return start(mode == Mode.AUTO ? (terminal ? Mode.AUTO : Mode.NONE) : mode, totalBytes, err,
        mode == Mode.PLAIN ? Duration.ofSeconds(10) : Duration.ofSeconds(1));
  }

  /** As {@link #start(Mode, long, PrintStream)}, with the interval given ({@code AUTO} here means in place). */
  static Progress start(Mode mode, long totalBytes, PrintStream err, Duration every) {
    DOCUMENTS.reset();
    BYTES.reset();
    if (mode == Mode.NONE) {
      return new Progress(null, false, err);
    }
    boolean inPlace = mode == Mode.AUTO;
    long t0 = System.nanoTime();
    Thread t = Thread.ofPlatform().daemon().name("llamakit-progress").unstarted(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(every);
          String line = line(DOCUMENTS.sum(), BYTES.sum(), totalBytes, (System.nanoTime() - t0) / 1e9);
          if (inPlace) {
            err.print("\r" + line + "   ");
          } else {
            err.println(line);
          }
          err.flush();
        }
      } catch (InterruptedException done) {
        // the run ended
      }
    });
    t.start();
    return new Progress(t, inPlace, err);
  }

  /** {@code 12,345 documents, 1,234 documents/s, 45.6 of 184.0 MB read (25%), ETA 1m52s}. */
  static String line(long documents, long bytes, long totalBytes, double seconds) {
    double rate = seconds > 0 ? documents / seconds : 0;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d documents, %,.0f documents/s", documents, rate));
    if (totalBytes > 0) {
      sb.append(String.format(Locale.ROOT, ", %.1f of %.1f MB read (%d%%)", bytes / 1e6, totalBytes / 1e6,
          Math.min(100, Math.round(100.0 * bytes / totalBytes))));
      if (bytes > 0 && seconds > 0) {
        long left = Math.round((totalBytes - Math.min(bytes, totalBytes)) / (bytes / seconds));
        sb.append(String.format(Locale.ROOT, ", ETA %dm%02ds", left / 60, left % 60));
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (inPlace) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }
}
