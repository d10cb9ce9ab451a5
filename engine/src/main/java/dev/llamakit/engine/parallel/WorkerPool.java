package dev.llamakit.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of persistent worker threads that all run the same task, each told its index, with a spin-then-park
 * barrier: idle workers spin for {@code spinNanos} with {@link Thread#onSpinWait()} and then park, so a shared
 * 2-core machine degrades gracefully instead of collapsing under busy-waiting.
 *
 * <p>The calling thread is worker 0, so a pool of size 1 starts no threads at all.
 *
 * <pre>{@code
 * try (WorkerPool pool = new WorkerPool(2)) {
 *   pool.run((w, n) -> work(rowsFrom(w, n), rowsTo(w, n)));
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
  /** A unit of parallel work; called once per worker with its index and the pool size. */
  @FunctionalInterface
  public interface Task {
    void run(int worker, int workers);
  }

  private static final long DEFAULT_SPIN_NANOS = 50_000;

  private final int size;
  private final Thread[] threads;
  private final long spinNanos;
  private final AtomicInteger remaining = new AtomicInteger();
  private final VolatileFlags sleeping;
  private volatile Task task;
  private volatile long generation;
  private volatile boolean closed;
  private volatile boolean mainSleeping;
  private volatile Thread mainThread;
  private volatile Throwable failure;

  /** A pool of {@code size} workers (the caller included). */
  public WorkerPool(int size) {
    this(size, DEFAULT_SPIN_NANOS);
  }

  public WorkerPool(int size, long spinNanos) {
    if (size < 1) {
      throw new IllegalArgumentException("thread count must be >= 1, got " + size);
    }
    this.size = size;
    this.spinNanos = spinNanos;
    this.sleeping = new VolatileFlags(size);
    this.threads = new Thread[size];
    for (int i = 1; i < size; i++) {
      int idx = i;
      Thread t = new Thread(() -> loop(idx), "llamakit-worker-" + i);
      t.setDaemon(true);
      threads[i] = t;
      t.start();
    }
  }

  /** Number of workers, the calling thread included. */
  public int size() {
    return size;
  }

  /** Runs {@code t} on every worker and returns when all have finished; rethrows the first failure. */
  public void run(Task t) {
    if (size == 1) {
      t.run(0, 1);
      return;
    }
    failure = null;
    task = t;
    remaining.set(size - 1);
    mainThread = Thread.currentThread();
    generation = generation + 1;
    for (int i = 1; i < size; i++) {
      if (sleeping.get(i)) {
        LockSupport.unpark(threads[i]);
      }
    }
    try {
      t.run(0, size);
    } catch (Throwable e) {
      failure = e;
    }
    long start = System.nanoTime();
    while (remaining.get() != 0) {
      if (System.nanoTime() - start < spinNanos) {
        Thread.onSpinWait();
      } else {
        mainSleeping = true;
        if (remaining.get() != 0) {
          LockSupport.parkNanos(this, 200_000);
        }
        mainSleeping = false;
      }
    }
    Throwable f = failure;
    if (f != null) {
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error er) {
        throw er;
      }
      throw new RuntimeException(f);
    }
  }

  private void loop(int idx) {
    long seen = 0;
    while (true) {
      long start = System.nanoTime();
      while (generation == seen && !closed) {
        if (System.nanoTime() - start < spinNanos) {
          Thread.onSpinWait();
        } else {
          sleeping.set(idx, true);
          if (generation == seen && !closed) {
            LockSupport.park(this);
          }
          sleeping.set(idx, false);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.run(idx, size);
      } catch (Throwable e) {
        failure = e;
      }
      if (remaining.decrementAndGet() == 0 && mainSleeping) {
        LockSupport.unpark(mainThread);
      }
    }
  }

  /** Stops the workers. */
  @Override
  public void close() {
    closed = true;
    for (int i = 1; i < size; i++) {
      LockSupport.unpark(threads[i]);
    }
  }

  /** Start (inclusive) of worker {@code w}'s share of {@code n} items split in contiguous ranges. */
  public static int from(int n, int w, int workers) {
    return (int) ((long) n * w / workers);
  }

  /** End (exclusive) of worker {@code w}'s share. */
  public static int to(int n, int w, int workers) {
    return (int) ((long) n * (w + 1) / workers);
  }

  /** Per-worker volatile booleans. */
  private static final class VolatileFlags {
    private final java.util.concurrent.atomic.AtomicIntegerArray a;

    VolatileFlags(int n) {
      a = new java.util.concurrent.atomic.AtomicIntegerArray(n);
    }

    boolean get(int i) {
      return a.get(i) != 0;
    }

    void set(int i, boolean v) {
      a.set(i, v ? 1 : 0);
    }
  }
}
