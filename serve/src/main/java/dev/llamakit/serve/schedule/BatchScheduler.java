package dev.llamakit.serve.schedule;

import dev.llamakit.engine.inference.BatchEngine;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.inference.TextStream;
import dev.llamakit.engine.inference.TokenLoop;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.serve.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Continuous batching on the one loaded model: one scheduler thread owns {@code maxBatch} sequence slots
 * ({@link BatchEngine}) and runs every active sequence's next token in one forward pass per step. New requests join
 * between steps (their prompt is prefilled into a free slot, reusing the longest prefix any slot or the prefix cache
 * holds), finished ones leave at once; each has its own sampler and seed ({@link TokenLoop}), stop policy and text
 * stream ({@link TextStream}). Text is handed to the request's own thread, which calls its listener (the HTTP write,
 * the output shields), so a slow client or shield never stalls the batch; when that listener returns false (client
 * gone, unsafe window) the sequence leaves the batch at the next step and its slot is free. A sequence runs at most
 * {@link #MAX_UNREAD} + 1 pieces ahead of its listener (it sits out steps until the listener catches up), so a
 * cancelled request costs at most a couple of tokens more than it would alone.
 *
 * <p>With {@code maxBatch} 1 requests run one after another, as the unbatched server ran them: same kernels, same
 * results. Greedy replies are the same as each request's alone, whatever runs beside it.
 *
 * <pre>{@code
 * try (BatchScheduler s = new BatchScheduler(text, 8, metrics)) {
 *   TextGeneration g = s.generate(promptIds, params, piece -> sse.send(piece));   // blocks this thread
 * }
 * }</pre>
 */
public final class BatchScheduler implements AutoCloseable {
  /**
   * How many pieces a sequence may run ahead of its request's listener before it sits out decode steps: enough that
   * a listener woken a little late does not cost the sequence a step, few enough that a client that left (or an
   * unsafe window) stops generation within a couple of tokens.
   */
  static final int MAX_UNREAD = 1;
  private final TextEngine text;
  private final BatchEngine batch;
  private final ServerMetrics metrics;
  private final LinkedBlockingQueue<Sequence> pending = new LinkedBlockingQueue<>();
  private final Sequence[] slots;
  private final List<Sequence> active = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private final AtomicInteger running = new AtomicInteger();

  /** A scheduler of at most {@code maxBatch} sequences per step on {@code text}'s model; {@code metrics} may be null. */
  public BatchScheduler(TextEngine text, int maxBatch, ServerMetrics metrics) {
    this.text = text;
    this.batch = new BatchEngine(text.engine(), maxBatch);
    this.metrics = metrics;
    this.slots = new Sequence[maxBatch];
    this.thread = Thread.ofPlatform().name("llamakit-batch").daemon().start(this::loop);
  }

  /** The most sequences decoded in one step. */
  public int maxBatch() {
    return slots.length;
  }

  /** Requests handed to the scheduler and not yet prefilled. */
  public int waiting() {
    return pending.size();
  }

  /** Sequences in the batch now. */
  public int running() {
    return running.get();
  }

  /** What the request thread receives: text pieces, then the generation or the failure. */
  private static final class Sequence {
    final int[] prompt;
    final TextStream stream;
    final TokenLoop loop;
    final LinkedBlockingQueue<Object> out = new LinkedBlockingQueue<>();
    /** Pieces handed over and not yet through the request's listener. */
    final AtomicInteger unread = new AtomicInteger();
    volatile boolean cancelled;
    int slot = -1;
    int reused;
    long t0;
    long t1;

    Sequence(int[] prompt, TextStream stream, TokenLoop loop) {
      this.prompt = prompt;
      this.stream = stream;
      this.loop = loop;
    }
  }

  /**
   * Generates after {@code prompt} under the engine's stop policy ({@link TextEngine#generate}), in the batch;
   * {@code onText} is called on this thread with each released piece. Blocks until the sequence ends. An interrupt
   * cancels the sequence.
   */
  public TextGeneration generate(int[] prompt, SamplingParams params, TextListener onText)
      throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("the scheduler is closed");
    }
    Sequence[] self = {null};
    TextStream ts = text.stream(params, piece -> {
      self[0].unread.incrementAndGet();
      self[0].out.add(piece);
      return !self[0].cancelled;
    });
    Sequence s = new Sequence(prompt, ts, new TokenLoop(prompt, ts.engineParams(), null, ts.tokens(),
        text.contextLength(), text.engine().model().vocabSize()));
    self[0] = s;
    pending.add(s);
    LockSupport.unpark(thread);
    boolean gone = false;
    try {
      while (true) {
        Object o = s.out.take();
        if (o instanceof String piece) {
          if (!gone && !onText.onText(piece)) {
            gone = true;
            s.cancelled = true;
          }
          if (s.unread.decrementAndGet() <= MAX_UNREAD) {
            LockSupport.unpark(thread);
          }
        } else if (o instanceof TextGeneration g) {
          return g;
        } else if (o instanceof RuntimeException e) {
          throw e;
        } else if (o instanceof Error e) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      s.cancelled = true;
      throw e;
    }
  }

  private void loop() {
    int vocab = text.engine().model().vocabSize();
    try {
      while (!closed) {
        admit();
        for (int k = active.size() - 1; k >= 0; k--) {
          Sequence s = active.get(k);
          if (s.cancelled) {
            s.loop.cancel();
            active.remove(k);
            finish(s);
          }
        }
        List<Sequence> ready = new ArrayList<>(active.size());
        for (Sequence s : active) {
          if (s.unread.get() <= MAX_UNREAD) {
            ready.add(s);
          }
        }
        int n = ready.size();
        if (n == 0) {
          if (!active.isEmpty()) {
            LockSupport.parkNanos(1_000_000);  // every client is behind: wait for one (or a new request)
          }
          continue;
        }
        int[] which = new int[n];
        int[] tokens = new int[n];
        for (int k = 0; k < n; k++) {
          which[k] = ready.get(k).slot;
          tokens[k] = ready.get(k).loop.lastToken();
        }
        float[] logits;
        try {
          logits = batch.decode(which, tokens, n);
        } catch (RuntimeException | Error e) {
          for (Sequence s : ready) {
            fail(s, e);
          }
          active.removeAll(ready);
            continue;
        }
        if (metrics != null) {
          metrics.decodeStep(n);
        }
        for (int k = 0; k < n; k++) {
          Sequence s = ready.get(k);
          if (!step(s, logits, k * vocab)) {
            active.remove(s);
            finish(s);
          }
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
    for (Sequence s : active) {
      fail(s, new IllegalStateException("the server is shutting down"));
    }
    for (Sequence s; (s = pending.poll()) != null; ) {
      fail(s, new IllegalStateException("the server is shutting down"));
    }
  }

  /** Prefills waiting requests into free slots; waits for one when nothing runs. */
  private void admit() throws InterruptedException {
    while (active.size() < slots.length) {
      Sequence s = active.isEmpty() ? pending.take() : pending.poll();
      if (s == null) {
        return;
      }
      if (s.cancelled) {
        s.t0 = s.t1 = System.nanoTime();
        s.loop.cancel();
        s.out.add(s.stream.finish(s.loop.result(0, 0, 0)));
        continue;
      }
      int slot = freeSlot(s.prompt);
      s.slot = slot;
      slots[slot] = s;
      running.incrementAndGet();
      s.t0 = System.nanoTime();
      float[] logits;
      try {
        logits = batch.prefill(slot, s.prompt);
      } catch (RuntimeException | Error e) {
        fail(s, e);
        continue;
      }
      s.reused = batch.reused(slot);
      s.t1 = System.nanoTime();
      if (metrics != null) {
        metrics.prefill(s.prompt.length - s.reused, s.reused);
      }
      if (s.loop.running() && step(s, logits, 0)) {
        active.add(s);
      } else {
        finish(s);
      }
    }
  }

  /** One token of {@code s}; false when it ended (or its callbacks failed: then it was failed). */
  private boolean step(Sequence s, float[] logits, int off) {
    try {
      return s.loop.step(logits, off, batch.length(s.slot));
    } catch (RuntimeException | Error e) {
      fail(s, e);
      s.slot = -1;
      return false;
    }
  }

  /** The free slot that already holds the longest prefix of {@code prompt}. */
  private int freeSlot(int[] prompt) {
    int best = -1, bestLen = -1;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        int c = batch.sharedPrefix(i, prompt);
        if (c > bestLen) {
          best = i;
          bestLen = c;
        }
      }
    }
    return best;
  }

  private void finish(Sequence s) {
    if (s.slot < 0) {
      return;  // already failed
    }
    Object last;
    try {
      last = s.stream.finish(s.loop.result(s.reused, s.t1 - s.t0, System.nanoTime() - s.t1));
    } catch (RuntimeException | Error e) {
      last = e;
    }
    release(s);
    s.out.add(last);
  }

  private void fail(Sequence s, Throwable e) {
    release(s);
    s.out.add(e instanceof RuntimeException || e instanceof Error ? e : new IllegalStateException(e));
  }

  /** Frees the slot before the request's last item is published, so {@link #running()} never lags its client. */
  private void release(Sequence s) {
    if (s.slot >= 0 && slots[s.slot] == s) {
      slots[s.slot] = null;
      running.decrementAndGet();
    }
  }

  /** Stops the scheduler thread; running and waiting requests fail. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
