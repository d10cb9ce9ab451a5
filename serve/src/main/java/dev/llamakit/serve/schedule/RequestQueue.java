package dev.llamakit.serve.schedule;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded, first-come-first-served queue in front of the one loaded model: one request runs on the engine at a
 * time, at most {@code maxWaiting} more wait (in arrival order: a fair lock), and a request that finds the queue full
 * is refused at once ({@link QueueFullException}, HTTP 429) instead of piling up. Not continuous batching: requests
 * are served one after another.
 *
 * <pre>{@code
 * RequestQueue q = new RequestQueue(8);
 * String reply = q.run(() -> engine.generate(...));   // waits its turn, or throws QueueFullException
 * }</pre>
 */
public final class RequestQueue {
  private final ReentrantLock engine = new ReentrantLock(true);
  private final int maxWaiting;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();

  /** A queue that lets {@code maxWaiting} requests wait behind the running one. */
  public RequestQueue(int maxWaiting) {
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting " + maxWaiting + " must be >= 0");
    }
    this.maxWaiting = maxWaiting;
  }

  /** Thrown when the queue is full. */
  public static final class QueueFullException extends RuntimeException {
    QueueFullException(String message) {
      super(message);
    }
  }

  /** Runs {@code job} when its turn comes; throws {@link QueueFullException} when the queue is full. */
  public <T> T run(Callable<T> job) throws Exception {
    if (admitted.incrementAndGet() > maxWaiting + 1) {
      admitted.decrementAndGet();
      throw new QueueFullException("the server is busy: " + maxWaiting + " requests are already waiting for the "
          + "model; retry later");
    }
    try {
      waiting.incrementAndGet();
      try {
        engine.lockInterruptibly();
      } finally {
        waiting.decrementAndGet();
      }
      try {
        return job.call();
      } finally {
        engine.unlock();
      }
    } finally {
      admitted.decrementAndGet();
    }
  }

  /** Requests waiting for the model (not counting the running one). */
  public int depth() {
    return waiting.get();
  }

  /** Requests admitted: running plus waiting. */
  public int admitted() {
    return admitted.get();
  }

  /** How many may wait behind the running request. */
  public int maxWaiting() {
    return maxWaiting;
  }
}
