package dev.llamakit.pipelines.filters.perplexity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.sentencepiece.KenlmGoldens;
import dev.llamakit.pipelines.sentencepiece.MixedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused {@link CcNetPerplexity#score} (UTF-8 normalisation, piece ids to KenLM indices, index scoring) against
 * the public step-by-step API ({@code normalize}, {@code encodeAsPieces}, join, {@code NgramModel.score(line)},
 * Python's split count) on the goldens' raw texts and on generated documents: every field identical.
 */
class CcNetPerplexityFastPathTest {
  private static List<String> documents() {
    List<String> raws = new ArrayList<>();
    KenlmGoldens.records().forEach(r -> raws.add(r.raw()));
    List<String> docs = new ArrayList<>(raws);
    docs.addAll(MixedText.documents(7, 600, 120, raws));
    docs.addAll(MixedText.documents(11, 20, 1500, raws));
    docs.addAll(List.of("", " ", "\u00a0", "\n\n", "a", "\u4e2d", "\ud800", "<unk>", "<s> </s>", "\u2581"));
    return docs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lm.binary", "lm.arpa.gz"})
  void fastPathEqualsStepByStep(String lmFile) throws Exception {
    Path dir = SharedFiles.require("golden/kenlm");
    List<String> mismatches = new ArrayList<>();
    try (CcNetPerplexity pp = CcNetPerplexity.open(dir.resolve("sp.model"), dir.resolve(lmFile))) {
      int i = 0;
      for (String raw : documents()) {
        CcNetPerplexity.Score fast = pp.score(raw);
        CcNetPerplexity.Score slow = pp.scoreStepByStep(raw);
        if (!fast.tokenized().equals(slow.tokenized()) || fast.length() != slow.length()
            || Float.floatToIntBits(fast.log10()) != Float.floatToIntBits(slow.log10())
            || !Objects.equals(fast.perplexity(), slow.perplexity())
            || !Objects.equals(pp.perplexity(raw), slow.perplexity())) {
          mismatches.add("document " + i + ": " + fast + " != " + slow);
        }
        i++;
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void oneInstanceScoresFromManyThreads() throws Exception {
    Path dir = SharedFiles.require("golden/kenlm");
    List<String> docs = documents();
    try (CcNetPerplexity pp = CcNetPerplexity.open(dir.resolve("sp.model"), dir.resolve("lm.binary"))) {
      List<CcNetPerplexity.Score> expected = docs.stream().map(pp::scoreStepByStep).toList();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t * 101;
          results.add(pool.submit(() -> {
            int ok = 0;
            for (int rep = 0; rep < 3; rep++) {
              for (int k = 0; k < docs.size(); k++) {
                int i = (k + offset) % docs.size();
                CcNetPerplexity.Score s = (k & 1) == 0 ? pp.score(docs.get(i)) : null;
                Double p = s != null ? s.perplexity() : pp.perplexity(docs.get(i));
                boolean same = Objects.equals(p, expected.get(i).perplexity())
                    && (s == null || (s.equals(expected.get(i))));
                ok += same ? 1 : 0;
              }
            }
            return ok;
          }));
        }
        for (Future<Integer> f : results) {
          assertEquals(3 * docs.size(), f.get());
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
