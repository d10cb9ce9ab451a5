package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shots drawn as lm-eval draws them. Expected indices come from CPython 3.11 (the one-liners quoted beside each
 * case, and the {@code stream} cases of {@code pyrandom-golden.json} written by
 * {@code eval/tools/make_pyrandom_golden.py}).
 */
class FewShotSamplerTest {
  private static List<Doc> docs(String split, int n) {
    List<Doc> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Doc(split + "/" + i, i, Map.of("question", split + " q" + i)));
    }
    return out;
  }

  private static List<Integer> indices(List<Doc> shots) {
    return shots.stream().map(Doc::index).toList();
  }

  @Test
  void sameSplitDrawsOneExtraAndDropsTheDocumentItself() {
    // r = random.Random(1234); docs = list(range(10))
    // [[x for x in r.sample(docs, 4) if x != d][:3] for d in docs[:5]]
    // raw draws: [7,1,0,9] [9,0,1,8] [5,3,0,7] [0,5,7,4] [7,2,1,9]
    List<Doc> test = docs("test", 10);
    FewShotSampler s = new FewShotSampler("random", test, true, 1234);
    List<List<Integer>> got = new ArrayList<>();
    for (Doc d : test.subList(0, 5)) {
      got.add(indices(s.next(d, 3)));
    }
    assertEquals(List.of(List.of(7, 1, 9), List.of(9, 0, 8), List.of(5, 3, 0), List.of(0, 5, 7), List.of(7, 2, 1)),
        got);
  }

  @Test
  void otherSplitDrawsExactlyNAndTheStreamAdvancesPerDocument() {
    // r = random.Random(1234); [r.sample(range(20), 3) for _ in range(3)]
    List<Doc> train = docs("train", 20);
    List<Doc> test = docs("test", 3);
    FewShotSampler s = new FewShotSampler("random", train, false, 1234);
    assertEquals(List.of(14, 3, 0), indices(s.next(test.get(0), 3)));
    assertEquals(List.of(2, 18, 1), indices(s.next(test.get(1), 3)));
    assertEquals(List.of(2, 3, 11), indices(s.next(test.get(2), 3)));
    // random.Random(7): [10, 4, 12] first
    assertEquals(List.of(10, 4, 12), indices(new FewShotSampler("random", train, false, 7).next(test.get(0), 3)));
  }

  @Test
  void gsm8kAndArcStreamsEqualCpythonsForTheRealPoolSizes() throws Exception {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("pyrandom-golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    int streams = 0;
    for (JsonNode c : golden.get("cases")) {
      if (!"stream".equals(c.get("op").asText())) {
        continue;
      }
      String name = c.get("name").asText();
      int poolSize = c.get("args").get(0).asInt();
      int drawn = c.get("args").get(1).asInt();
      boolean sameSplit = !name.equals("gsm8k");        // gsm8k: train shots; ARC (MosaicML layout): test shots
      int shots = sameSplit ? drawn - 1 : drawn;
      List<Doc> pool = docs(sameSplit ? "test" : "train", poolSize);
      List<Doc> test = sameSplit ? pool : docs("test", c.get("values").size());
      FewShotSampler s = new FewShotSampler("random", pool, sameSplit, 1234);
      for (int i = 0; i < c.get("values").size(); i++) {
        List<Integer> expected = new ArrayList<>();
        for (JsonNode x : c.get("values").get(i)) {
          if (expected.size() < shots && !(sameSplit && x.asInt() == i)) {
            expected.add(x.asInt());
          }
        }
        assertEquals(expected, indices(s.next(test.get(i), shots)), name + " doc " + i);
      }
      streams++;
    }
    assertEquals(3, streams);
  }

  @Test
  void firstNTakesThePoolHeadWithoutTheDocument() {
    List<Doc> pool = docs("dev", 50);
    assertEquals(List.of(0, 1, 2), indices(new FewShotSampler("first_n", pool, true, 1).next(pool.get(10), 3)));
    assertEquals(List.of(0, 2), indices(new FewShotSampler("first_n", pool, true, 1).next(pool.get(1), 2)));
    // another split: exactly n are drawn and an equal document is still filtered out, leaving fewer shots (lm-eval)
    assertEquals(List.of(0), indices(new FewShotSampler("first_n", pool, false, 1).next(pool.get(1), 2)));
    assertEquals(List.of(0, 1), indices(new FewShotSampler("first_n", pool, false, 1).next(pool.get(7), 2)));
  }

  @Test
  void aDocumentEqualToAShotIsDroppedAsLmEvalComparesDocs() {
    List<Doc> pool = new ArrayList<>(docs("train", 3));
    Doc twin = new Doc("test/0", 0, Map.of("question", "train q0")); // same fields as train/0
    assertEquals(List.of(1), indices(new FewShotSampler("first_n", pool, true, 1).next(twin, 1)));
  }

  @Test
  void tooSmallPoolsAndUnknownSamplersAreErrors() {
    List<Doc> pool = docs("test", 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FewShotSampler("random", pool, true, 1234).next(pool.get(0), 5));
    assertEquals("asked for 5 shots but the few-shot pool of doc test/0 holds only 5 documents (the doc's own split,"
        + " so 6 are drawn)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new FewShotSampler("balanced", pool, false, 1));
    assertEquals("unknown few-shot sampler 'balanced' (first_n, random)", e.getMessage());
  }
}
