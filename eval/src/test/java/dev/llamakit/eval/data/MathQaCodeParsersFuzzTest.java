package dev.llamakit.eval.data;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.eval.testing.FixtureData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the MATH, TriviaQA, NQ-open, MBPP and EvalPlus readers with the shared harness, seeded with the
 * hand-written fixtures: each mutant is accepted or rejected with a {@link DataFormatException} naming the file; no
 * other throwable, no hang. Long run: {@code ./build -o -pl eval -am test -Dtest=MathQaCodeParsersFuzzTest
 * -Dllamakit.fuzz.inputs=10000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MathQaCodeParsersFuzzTest {
  private static List<byte[]> seeds(String... fixtures) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String f : fixtures) {
      out.add(Files.readAllBytes(FixtureData.handWritten().resolve(f)));
    }
    return out;
  }

  @Test
  void mathProblemFiles() throws IOException {
    FuzzRun.of("math", ".json", seeds("MATH/test/algebra/12.json", "MATH/test/geometry/40.json"))
        .rejectsWith(DataFormatException.class)
        .run(file -> MathLoader.doc(file, "algebra", "algebra", 0))
        .assertContract();
  }

  @Test
  void triviaqaQaFiles() throws IOException {
    FuzzRun.of("triviaqa", ".json", seeds("triviaqa/qa/web-dev.json", "triviaqa/qa/wikipedia-dev.json"))
        .rejectsWith(DataFormatException.class)
        .run(file -> TriviaQaLoader.read(file, "dev", new ArrayList<>()))
        .assertContract();
  }

  @Test
  void nqOpenJsonl() throws IOException {
    FuzzRun.of("nq_open", ".jsonl", seeds("nq_open/NQ-open.dev.jsonl", "nq_open/NQ-open.train.jsonl"))
        .rejectsWith(DataFormatException.class)
        .run(file -> NqOpenLoader.read(file, "dev"))
        .assertContract();
  }

  @Test
  void mbppJsonl() throws IOException {
    FuzzRun.of("mbpp", ".jsonl", seeds("mbpp/mbpp.jsonl"))
        .rejectsWith(DataFormatException.class)
        .run(file -> new MbppLoader().load(file, "test"))
        .assertContract();
  }

  @Test
  void evalPlusJsonl() throws IOException {
    FuzzRun.of("humaneval_plus", ".jsonl", seeds("humaneval_plus/HumanEvalPlus.jsonl"))
        .rejectsWith(DataFormatException.class)
        .run(file -> new HumanEvalPlusLoader().load(file, "test"))
        .assertContract();
    FuzzRun.of("mbpp_plus", ".jsonl", seeds("mbpp_plus/MbppPlus.jsonl"))
        .rejectsWith(DataFormatException.class)
        .run(file -> new MbppPlusLoader().load(file, "test"))
        .assertContract();
  }
}
