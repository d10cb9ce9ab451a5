package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record of {@code golden/tokenizer/*.jsonl} (325 strings x add_special x parse_special, both vocabularies):
 * ids, {@code detok_special} and {@code detok_plain} equal llama.cpp's; plus llama.cpp's own {@code .inp/.out} test
 * vectors.
 */
class TokenizerGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void llama2SpmGoldens() throws IOException {
    checkGoldens(TestVocabs.spm(), SharedFiles.require("golden/tokenizer/llama2-spm.jsonl"));
  }

  @Test
  void llama3BpeGoldens() throws IOException {
    checkGoldens(TestVocabs.llama3(), SharedFiles.require("golden/tokenizer/llama3-bpe.jsonl"));
  }

  @Test
  void llamaCppSpmVectors() throws IOException {
    checkVectors(TestVocabs.spm(), SharedFiles.require("models/tokenizers/llama2/ggml-vocab-llama-spm.gguf.inp"));
  }

  @Test
  void llamaCppBpeVectors() throws IOException {
    checkVectors(TestVocabs.llama3(), SharedFiles.require("models/tokenizers/llama3/ggml-vocab-llama-bpe.gguf.inp"));
  }

  @Test
  void vocabFactsMatchVocabInfo() throws IOException {
    JsonNode info = JSON.readTree(SharedFiles.require("golden/tokenizer/vocab_info.json").toFile()).get("vocabs");
    for (var e : List.of(new Object[] {"llama2-spm", TestVocabs.spm()}, new Object[] {"llama3-bpe", TestVocabs.llama3()})) {
      JsonNode v = info.get((String) e[0]);
      Tokenizer t = (Tokenizer) e[1];
      assertEquals(v.get("n_tokens").asInt(), t.vocabSize());
      assertEquals(v.get("bos").asInt(), t.bos());
      assertEquals(v.get("eos").asInt(), t.eos());
      assertEquals(v.get("eot").asInt(), t.eot());
      assertEquals(v.get("add_bos").asBoolean(), t.addsBos());
      List<Integer> eog = new ArrayList<>();
      for (int id = 0; id < t.vocabSize(); id++) {
        if (t.isEndOfGeneration(id)) {
          eog.add(id);
        }
      }
      List<Integer> expected = new ArrayList<>();
      v.get("eog_ids").forEach(n -> expected.add(n.asInt()));
      assertEquals(expected, eog, (String) e[0]);
    }
  }

  private static void checkGoldens(Tokenizer tok, Path file) throws IOException {
    List<String> failures = new ArrayList<>();
    int records = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      records++;
      JsonNode r = JSON.readTree(line);
      String text = r.get("text").asText();
      boolean addSpecial = r.get("add_special").asBoolean();
      boolean parseSpecial = r.get("parse_special").asBoolean();
      int[] expected = ints(r.get("ids"));
      int[] got = tok.encode(text, addSpecial, parseSpecial);
      String where = r.get("id").asText() + " add_special=" + addSpecial + " parse_special=" + parseSpecial;
      if (!Arrays.equals(expected, got)) {
        failures.add(where + " ids\n  expected " + Arrays.toString(expected) + "\n  got      " + Arrays.toString(got));
        continue;
      }
      String special = tok.decode(expected, false, true);
      if (!special.equals(r.get("detok_special").asText())) {
        failures.add(where + " detok_special: expected " + JSON.writeValueAsString(r.get("detok_special").asText())
            + " got " + JSON.writeValueAsString(special));
      }
      String plain = tok.decode(expected, true, false);
      if (!plain.equals(r.get("detok_plain").asText())) {
        failures.add(where + " detok_plain: expected " + JSON.writeValueAsString(r.get("detok_plain").asText())
            + " got " + JSON.writeValueAsString(plain));
      }
    }
    assertEquals(1300, records, "records in " + file);
    assertTrue(failures.isEmpty(), failures.size() + " mismatches in " + file + ", first ones:\n"
        + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
  }

  private static void checkVectors(Tokenizer tok, Path inp) throws IOException {
    String all = Files.readString(inp, StandardCharsets.UTF_8);
    List<String> outs = Files.readAllLines(Path.of(inp.toString().replaceAll("\\.inp$", ".out")), StandardCharsets.UTF_8);
    String sep = "\n__ggml_vocab_test__\n";
    List<String> texts = new ArrayList<>();
    int from = 0;
    for (int at = all.indexOf(sep); at >= 0; at = all.indexOf(sep, from)) {
      texts.add(all.substring(from, at));
      from = at + sep.length();
    }
    assertEquals(texts.size(), outs.size(), "strings in " + inp + " vs lines in its .out");
    for (int i = 0; i < texts.size(); i++) {
      String line = outs.get(i).trim();
      int[] expected = line.isEmpty() ? new int[0] : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
      assertEquals(Arrays.toString(expected), Arrays.toString(tok.encode(texts.get(i), false, false)),
          "vector " + i + " " + JSON.writeValueAsString(texts.get(i)));
    }
  }

  static int[] ints(JsonNode arr) {
    int[] a = new int[arr.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = arr.get(i).asInt();
    }
    return a;
  }
}
