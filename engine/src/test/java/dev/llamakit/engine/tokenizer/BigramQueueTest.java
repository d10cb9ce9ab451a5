package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive merge queue pops in llama.cpp's SPM order (score descending, then left ascending). */
class BigramQueueTest {

  @Test
  void popsHighestScoreThenLeftmostAgainstASortedReference() {
    SplittableRandom rnd = new SplittableRandom(42);
    float[] scores = {-3.5f, -1f, 0f, -0f, 2.25f, -1e9f, 7f};
    BigramQueue q = new BigramQueue(1);
    List<float[]> ref = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      float s = scores[rnd.nextInt(scores.length)];
      int left = rnd.nextInt(10_000);
      q.push(BigramQueue.key(BigramQueue.descendingScore(s), left), left + 1, i);
      ref.add(new float[] {s, left});
    }
    ref.sort(Comparator.<float[]>comparingDouble(e -> -(e[0] + 0.0)).thenComparingDouble(e -> e[1]));
    for (float[] e : ref) {
      assertTrue(!q.isEmpty());
      q.pop();
      assertEquals((int) e[1], BigramQueue.left(q.key));
      assertEquals((int) e[1] + 1, q.right);
    }
    assertTrue(q.isEmpty());
  }

  @Test
  void negativeZeroEqualsZero() {
    assertEquals(BigramQueue.descendingScore(0f), BigramQueue.descendingScore(-0f));
    assertTrue(BigramQueue.descendingScore(1f) < BigramQueue.descendingScore(0f));
    assertTrue(BigramQueue.descendingScore(-2f) > BigramQueue.descendingScore(-1f));
  }
}
