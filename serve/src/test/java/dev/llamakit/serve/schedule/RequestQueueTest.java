package dev.llamakit.serve.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
  /** Waiting requests run in arrival order; one more than the queue holds is refused at once. */
  @Test
  void firstComeFirstServedAndBounded() throws Exception {
    RequestQueue q = new RequestQueue(3);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Thread first = Thread.ofVirtual().start(() -> run(q, () -> {
      running.countDown();
      hold.await();
      order.add("first");
    }));
    running.await();
    List<Thread> waiting = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      int before = q.depth();
      waiting.add(Thread.ofVirtual().start(() -> run(q, () -> order.add(name))));
      while (q.depth() == before) {
        Thread.sleep(1);  // wait until it is in the queue, so arrival order is defined
      }
    }
    assertEquals(3, q.depth());
    assertEquals(4, q.admitted());
    assertThrows(RequestQueue.QueueFullException.class, () -> q.run(() -> "refused"));
    hold.countDown();
    first.join();
    for (Thread t : waiting) {
      t.join();
    }
    assertEquals(List.of("first", "a", "b", "c"), order);
    assertEquals(0, q.admitted());
    assertEquals("ran", q.run(() -> "ran"));
  }

  /** With room for two running requests, two run at once and a third waits; one more is refused. */
  @Test
  void severalRunAtOnce() throws Exception {
    RequestQueue q = new RequestQueue(1, 2);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch bothRunning = new CountDownLatch(2);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(Thread.ofVirtual().start(() -> run(q, () -> {
        bothRunning.countDown();
        hold.await();
      })));
    }
    bothRunning.await();
    assertEquals(0, q.depth());
    threads.add(Thread.ofVirtual().start(() -> run(q, () -> { })));
    while (q.depth() == 0) {
      Thread.sleep(1);
    }
    assertEquals(3, q.admitted());
    assertThrows(RequestQueue.QueueFullException.class, () -> q.run(() -> "refused"));
    hold.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, q.admitted());
    assertThrows(IllegalArgumentException.class, () -> new RequestQueue(1, 0));
  }

  @Test
  void aFailingJobFreesItsSlot() {
    RequestQueue q = new RequestQueue(0);
    assertThrows(IllegalStateException.class, () -> q.run(() -> {
      throw new IllegalStateException("engine failed");
    }));
    assertEquals(0, q.admitted());
  }

  interface Job {
    void run() throws Exception;
  }

  private static void run(RequestQueue q, Job j) {
    try {
      q.run(() -> {
        j.run();
        return null;
      });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
