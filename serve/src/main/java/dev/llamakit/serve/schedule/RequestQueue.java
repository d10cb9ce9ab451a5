package dev.llamakit.serve.schedule;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded, first-come-first-served admission in front of the one loaded model: {@code running} requests run at
 * a time (the {@link BatchScheduler}'s batch size; 1 = one after another), at most {@code maxWaiting} more wait (in
 * arrival order: a fair semaphore), and a request that finds the queue full is refused at once
 * ({@link QueueFullException}, HTTP 429) instead of piling up.
 *
 * <pre>{@code
 * RequestQueue q = new RequestQueue(8, 4);
 * String reply = q.run(() -> scheduler.generate(...));   // waits its turn, or throws QueueFullException
 * }</pre>
 */
public final class RequestQueue {
  private final Semaphore engine;
  private final int maxWaiting;
  private final int running;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();

  /** A queue that lets {@code maxWaiting} requests wait behind the running one. */
  public RequestQueue(int maxWaiting) {
    this(maxWaiting, 1);
  }

  /** A queue that runs {@code running} requests at a time and lets {@code maxWaiting} more wait. */
  public RequestQueue(int maxWaiting, int running) {
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting " + maxWaiting + " must be >= 0");
    }
    if (running < 1) {
      throw new IllegalArgumentException("running " + running + " must be >= 1");
    }
    this.maxWaiting = maxWaiting;
    this.running = running;
    this.engine = new Semaphore(running, true);
  }

  /** Thrown when the queue is full. */
  public static final class QueueFullException extends RuntimeException {
    QueueFullException(String message) {
      super(message);
    }
  }

  /** Runs {@code job} when its turn comes; throws {@link QueueFullException} when the queue is full. */
  public <T> T run(Callable<T> job) throws Exception {
    if (admitted.incrementAndGet() > maxWaiting + running) {
      admitted.decrementAndGet();
      throw new QueueFullException("the server is busy: " + maxWaiting + " requests are already waiting for the "
          + "model; retry later");
    }
    try {
      waiting.incrementAndGet();
      try {
        engine.acquire();
      } finally {
        waiting.decrementAndGet();
      }
      try {
        return job.call();
      } finally {
        engine.release();
      }
    } finally {
      admitted.decrementAndGet();
    }
  }

  /** Requests waiting for the model (not counting the running ones). */
  public int depth() {
    return waiting.get();
  }

  /** Requests admitted: running plus waiting. */
  public int admitted() {
    return admitted.get();
  }

  /** How many run at a time. */
  public int running() {
    return running;
  }

  /** How many may wait behind the running requests. */
  public int maxWaiting() {
    return maxWaiting;
  }
}
