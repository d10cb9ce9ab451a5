package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyRandom against CPython's own draws, written by {@code eval/tools/make_pyrandom_golden.py}. */
class PyRandomTest {
  private static JsonNode golden() throws Exception {
    try (InputStream in = PyRandomTest.class.getResourceAsStream("pyrandom-golden.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void everyGoldenCaseMatchesCpython() throws Exception {
    JsonNode g = golden();
    int checked = 0;
    for (JsonNode c : g.get("cases")) {
      long seed = c.get("seed").asLong();
      String op = c.get("op").asText();
      JsonNode a = c.get("args");
      JsonNode v = c.get("values");
      PyRandom r = new PyRandom(seed);
      String what = op + a + " seed " + seed;
      switch (op) {
        case "uint32" -> {
          for (JsonNode x : v) {
            assertEquals(x.asLong(), r.getrandbits(32), what);
          }
        }
        case "random" -> {
          for (JsonNode x : v) {
            assertEquals(Double.parseDouble(x.asText()), r.random(), 0.0, what);
          }
        }
        case "getrandbits" -> {
          for (JsonNode x : v) {
            assertEquals(x.asLong(), r.getrandbits(a.get(0).asInt()), what);
          }
        }
        case "randbelow" -> {
          for (JsonNode x : v) {
            assertEquals(x.asInt(), r.randrange(a.get(0).asInt()), what);
          }
        }
        case "sample" -> assertArrayEquals(ints(v), r.sampleIndices(a.get(0).asInt(), a.get(1).asInt()), what);
        case "shuffle" -> {
          List<Integer> x = new ArrayList<>();
          for (int i = 0; i < a.get(0).asInt(); i++) {
            x.add(i);
          }
          r.shuffle(x);
          assertArrayEquals(ints(v), x.stream().mapToInt(Integer::intValue).toArray(), what);
        }
        case "stream" -> {
          for (JsonNode draw : v) {
            assertArrayEquals(ints(draw), r.sampleIndices(a.get(0).asInt(), a.get(1).asInt()), what);
          }
        }
        default -> throw new AssertionError("unknown golden op " + op);
      }
      checked++;
    }
    assertEquals(g.get("cases").size(), checked);
    org.junit.jupiter.api.Assertions.assertTrue(checked >= 180, "golden file holds " + checked + " cases");
  }

  @Test
  void sampleReturnsTheElementsCpythonReturns() {
    // python3 -c "import random; print(random.Random(1234).sample(['a', 'b', 'c'], 2))" prints ['b', 'a']
    assertEquals(List.of("b", "a"), new PyRandom(1234).sample(List.of("a", "b", "c"), 2));
  }

  @Test
  void setsizeFollowsCpythonsRule() {
    assertEquals(21, PyRandom.setsize(0));
    assertEquals(21, PyRandom.setsize(5));
    assertEquals(21 + 64, PyRandom.setsize(6));   // 4 ** ceil(log(18, 4)) = 4 ** 3
    assertEquals(21 + 64, PyRandom.setsize(21));  // 63 < 64
    assertEquals(21 + 256, PyRandom.setsize(22)); // 66 > 64
    assertEquals(21 + 256, PyRandom.setsize(26));
    assertEquals(21 + 256, PyRandom.setsize(85));  // 255 < 256
    assertEquals(21 + 1024, PyRandom.setsize(86));
  }

  @Test
  void rejectsOversizedSamplesAsCpythonDoes() {
    PyRandom r = new PyRandom(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.sampleIndices(3, 4));
    assertEquals("Sample larger than population or is negative (k=4, n=3)", e.getMessage());
  }

  private static int[] ints(JsonNode arr) {
    int[] out = new int[arr.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = arr.get(i).asInt();
    }
    return out;
  }
}
