package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small hand-made models of {@link BpeModelTest} and {@link ModelLoadingTest}, written to files and encoded with
 * the real {@code spm_encode} (SentencePiece 0.1.97, Debian 12, {@code --output_format=piece} and {@code =id}): this
 * class holds that output and checks the Java encoder reproduces it. Covers BPE merges and ties, UNUSED pieces split
 * back, USER_DEFINED symbols, byte fallback, no dummy prefix, and a unigram model with UNUSED and USER_DEFINED pieces.
 */
class SpmEncodeCrossCheckTest {
  @TempDir Path dir;

  /** {model, input, pieces joined by " ", ids joined by " "}: spm_encode 0.1.97 output. */
  private static final String[][] SPM_ENCODE = {
      {"bpe", "hello world", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe", "  hello   world ", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe", "aaa", "▁ aa a", "11 20 19"},
      {"bpe", "aaaa", "▁ aa aa", "11 20 20"},
      {"bpe", "xyz hello é", "▁ xyz ▁hello ▁ é", "11 0 7 11 0"},
      {"bpe", "hello<sep>world", "▁hello <s e p> w or l d", "7 0 13 0 16 8 14 18"},
      {"bpe", "hello éx", "▁hello ▁ éx", "7 11 0"},
      {"bpe", "abc", "▁ a bc", "11 19 0"},
      {"bpe", "a<x>bc", "▁ a <x>bc", "11 19 0"},
      {"bpe", "ab zzc", "▁ a b ▁ zzc", "11 19 0 11 0"},
      {"bpe_unused", "hello world", "▁ hello ▁wor l d", "11 6 10 14 18"},
      {"bpe_unused", "  hello   world ", "▁ hello ▁wor l d", "11 6 10 14 18"},
      {"bpe_unused", "aaa", "▁ aa a", "11 20 19"},
      {"bpe_unused", "aaaa", "▁ aa aa", "11 20 20"},
      {"bpe_unused", "xyz hello é", "▁ xyz ▁ hello ▁ é", "11 0 11 6 11 0"},
      {"bpe_unused", "hello<sep>world", "▁ hello <s e p> w or l d", "11 6 0 13 0 16 8 14 18"},
      {"bpe_unused", "hello éx", "▁ hello ▁ éx", "11 6 11 0"},
      {"bpe_unused", "abc", "▁ a bc", "11 19 0"},
      {"bpe_unused", "a<x>bc", "▁ a <x>bc", "11 19 0"},
      {"bpe_unused", "ab zzc", "▁ a b ▁ zzc", "11 19 0 11 0"},
      {"bpe_user", "hello world", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe_user", "  hello   world ", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe_user", "aaa", "▁ aa a", "11 20 19"},
      {"bpe_user", "aaaa", "▁ aa aa", "11 20 20"},
      {"bpe_user", "xyz hello é", "▁ xyz ▁hello ▁ é", "11 0 7 11 0"},
      {"bpe_user", "hello<sep>world", "▁hello <sep> w or l d", "7 21 16 8 14 18"},
      {"bpe_user", "hello éx", "▁hello ▁ éx", "7 11 0"},
      {"bpe_user", "abc", "▁ a bc", "11 19 0"},
      {"bpe_user", "a<x>bc", "▁ a <x>bc", "11 19 0"},
      {"bpe_user", "ab zzc", "▁ a b ▁ zzc", "11 19 0 11 0"},
      {"bpe_bytes", "hello world", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe_bytes", "  hello   world ", "▁hello ▁wor l d", "7 10 14 18"},
      {"bpe_bytes", "aaa", "▁ aa a", "11 20 19"},
      {"bpe_bytes", "aaaa", "▁ aa aa", "11 20 20"},
      {"bpe_bytes", "xyz hello é", "▁ <0x78> <0x79> <0x7A> ▁hello ▁ <0xC3> <0xA9>", "11 141 142 143 7 11 216 190"},
      {"bpe_bytes", "hello<sep>world", "▁hello <0x3C> <0x73> e <0x70> <0x3E> w or l d", "7 81 136 13 133 83 16 8 14 18"},
      {"bpe_bytes", "hello éx", "▁hello ▁ <0xC3> <0xA9> <0x78>", "7 11 216 190 141"},
      {"bpe_bytes", "abc", "▁ a <0x62> <0x63>", "11 19 119 120"},
      {"bpe_bytes", "a<x>bc", "▁ a <0x3C> <0x78> <0x3E> <0x62> <0x63>", "11 19 81 141 83 119 120"},
      {"bpe_bytes", "ab zzc", "▁ a <0x62> ▁ <0x7A> <0x7A> <0x63>", "11 19 119 11 143 143 120"},
      {"bpe_nodummy", "hello world", "hello ▁wor l d", "6 10 14 18"},
      {"bpe_nodummy", "  hello   world ", "hello ▁wor l d", "6 10 14 18"},
      {"bpe_nodummy", "aaa", "aa a", "20 19"},
      {"bpe_nodummy", "aaaa", "aa aa", "20 20"},
      {"bpe_nodummy", "xyz hello é", "xyz ▁hello ▁ é", "0 7 11 0"},
      {"bpe_nodummy", "hello<sep>world", "hello <s e p> w or l d", "6 0 13 0 16 8 14 18"},
      {"bpe_nodummy", "hello éx", "hello ▁ éx", "6 11 0"},
      {"bpe_nodummy", "abc", "a bc", "19 0"},
      {"bpe_nodummy", "a<x>bc", "a <x>bc", "19 0"},
      {"bpe_nodummy", "ab zzc", "a b ▁ zzc", "19 0 11 0"},
      {"uni", "hello world", "▁ hello ▁ world", "8 0 8 0"},
      {"uni", "  hello   world ", "▁ hello ▁ world", "8 0 8 0"},
      {"uni", "aaa", "▁a a a", "4 9 9"},
      {"uni", "aaaa", "▁a a a a", "4 9 9 9"},
      {"uni", "xyz hello é", "▁ xyz ▁ hello ▁ é", "8 0 8 0 8 0"},
      {"uni", "hello<sep>world", "▁ hello<sep>world", "8 0"},
      {"uni", "hello éx", "▁ hello ▁ éx", "8 0 8 0"},
      {"uni", "abc", "▁ab c", "3 7"},
      {"uni", "a<x>bc", "▁a <x> bc", "4 11 6"},
      {"uni", "ab zzc", "▁ab ▁ zz c", "3 8 0 7"},
  };

  static Map<String, ModelBytes> models() {
    return Map.of(
        "bpe", BpeModelTest.helloWorld(PieceType.NORMAL),
        "bpe_unused", BpeModelTest.helloWorld(PieceType.UNUSED),
        "bpe_user", BpeModelTest.helloWorld(PieceType.NORMAL).piece("<sep>", 0, PieceType.USER_DEFINED),
        "bpe_bytes", BpeModelTest.helloWorld(PieceType.NORMAL).bytePieces(),
        "bpe_nodummy", BpeModelTest.helloWorld(PieceType.NORMAL).addDummyPrefix(false),
        "uni", ModelLoadingTest.smallUnigram());
  }

  @Test
  void reproducesSpmEncode() throws Exception {
    Map<String, SentencePieceModel> loaded = new java.util.HashMap<>();
    for (var e : models().entrySet()) {
      Path f = dir.resolve(e.getKey() + ".model");
      Files.write(f, e.getValue().bytes());
      loaded.put(e.getKey(), SentencePieceModel.load(f));
    }
    List<String> wrong = new ArrayList<>();
    for (String[] row : SPM_ENCODE) {
      SentencePieceModel sp = loaded.get(row[0]);
      String pieces = String.join(" ", sp.encodeAsPieces(row[1]));
      String ids = String.join(" ", Arrays.stream(sp.encodeAsIds(row[1])).mapToObj(Integer::toString).toList());
      if (!pieces.equals(row[2]) || !ids.equals(row[3])) {
        wrong.add(row[0] + " <" + row[1] + ">: expected " + row[2] + " / " + row[3] + ", got " + pieces + " / " + ids);
      }
    }
    assertEquals(60, SPM_ENCODE.length);
    assertEquals(List.of(), wrong);
  }
}
