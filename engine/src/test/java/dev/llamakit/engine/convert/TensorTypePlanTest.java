package dev.llamakit.engine.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.TensorInfo;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** llama.cpp's per-tensor type choices: a golden table of hand-derived plans, and llama-quantize's own files. */
class TensorTypePlanTest {
  private static final String[] LAYER_MATRICES = {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up",
      "ffn_down"};

  /** A Llama model's tensors in GGUF order, F32, with the given row lengths (dim, ffn, kv dim as rows). */
  static List<TensorTypePlan.Tensor> llama(int layers, boolean tied, long dim, long ffn, long kvDim) {
    List<TensorTypePlan.Tensor> t = new ArrayList<>();
    t.add(new TensorTypePlan.Tensor("token_embd.weight", GgmlType.F32, new long[] {dim, 32000}));
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      t.add(new TensorTypePlan.Tensor(p + "attn_norm.weight", GgmlType.F32, new long[] {dim}));
      t.add(new TensorTypePlan.Tensor(p + "attn_q.weight", GgmlType.F32, new long[] {dim, dim}));
      t.add(new TensorTypePlan.Tensor(p + "attn_k.weight", GgmlType.F32, new long[] {dim, kvDim}));
      t.add(new TensorTypePlan.Tensor(p + "attn_v.weight", GgmlType.F32, new long[] {dim, kvDim}));
      t.add(new TensorTypePlan.Tensor(p + "attn_output.weight", GgmlType.F32, new long[] {dim, dim}));
      t.add(new TensorTypePlan.Tensor(p + "ffn_norm.weight", GgmlType.F32, new long[] {dim}));
      t.add(new TensorTypePlan.Tensor(p + "ffn_gate.weight", GgmlType.F32, new long[] {dim, ffn}));
      t.add(new TensorTypePlan.Tensor(p + "ffn_up.weight", GgmlType.F32, new long[] {dim, ffn}));
      t.add(new TensorTypePlan.Tensor(p + "ffn_down.weight", GgmlType.F32, new long[] {ffn, dim}));
    }
    t.add(new TensorTypePlan.Tensor("output_norm.weight", GgmlType.F32, new long[] {dim}));
    if (!tied) {
      t.add(new TensorTypePlan.Tensor("output.weight", GgmlType.F32, new long[] {dim, 32000}));
    }
    return t;
  }

  static List<String[]> golden(String section) throws IOException {
    try (InputStream in = TensorTypePlanTest.class.getResourceAsStream("plan-golden.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith(section + " ")).map(l -> l.trim().split("\\s+")).toList();
    }
  }

  @Test
  void layerChoicesAndCountsMatchTheGoldenTable() throws IOException {
    List<String[]> rows = golden("layers");
    assertEquals(9, rows.size());
    for (String[] r : rows) {
      int layers = Integer.parseInt(r[1]);
      boolean tied = Boolean.parseBoolean(r[2]);
      QuantMix mix = QuantMix.valueOf(r[3]);
      Map<String, GgmlType> plan = TensorTypePlan.plan(mix, llama(layers, tied, 2048, 5632, 256), layers);
      String what = layers + " layers, " + mix;
      List<Integer> more = r[4].equals("-") ? List.of() : Arrays.stream(r[4].split(",")).map(Integer::valueOf).toList();
      for (int l = 0; l < layers; l++) {
        GgmlType expected = more.contains(l) ? GgmlType.Q6_K : mix.base();
        assertEquals(expected, plan.get("blk." + l + ".attn_v.weight"), what + " attn_v " + l);
        assertEquals(expected, plan.get("blk." + l + ".ffn_down.weight"), what + " ffn_down " + l);
        for (String m : LAYER_MATRICES) {
          if (!m.equals("attn_v") && !m.equals("ffn_down")) {
            assertEquals(mix.base(), plan.get("blk." + l + "." + m + ".weight"), what + " " + m + " " + l);
          }
        }
        assertEquals(GgmlType.F32, plan.get("blk." + l + ".attn_norm.weight"), what);
      }
      assertEquals(GgmlType.Q6_K, plan.get(tied ? "token_embd.weight" : "output.weight"), what + " output");
      if (!tied) {
        assertEquals(mix.base(), plan.get("token_embd.weight"), what + " token_embd");
      }
      Map<String, Integer> counts = new TreeMap<>();
      plan.values().stream().filter(t -> t != GgmlType.F32).forEach(t -> counts.merge(t.name(), 1, Integer::sum));
      assertEquals(r[5], counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",")), what + " counts");
    }
  }

  @Test
  void fallbacksOfStories260KMatchTheGoldenTable() throws IOException {
    List<String[]> rows = golden("tensor");
    assertEquals(23, rows.size());
    List<TensorTypePlan.Tensor> model = llama(5, false, 64, 172, 32);
    for (String[] r : rows) {
      QuantMix mix = QuantMix.valueOf(r[1]);
      Map<String, GgmlType> plan = TensorTypePlan.plan(mix, model, 5);
      List<String> names = r[3].equals("-") ? List.of(r[2])
          : Arrays.stream(r[3].split(",")).map(l -> "blk." + l + "." + r[2]).toList();
      for (String n : names) {
        assertEquals(GgmlType.valueOf(r[4]), plan.get(n), mix + " " + n);
      }
    }
  }

  /** The plan of llama2-ktiny's BF16 file equals the tensor types of llama-quantize's Q4_K_M, Q5_K_M, Q6_K files. */
  @ParameterizedTest
  @CsvSource({"Q4_K_M", "Q5_K_M", "Q6_K"})
  void planOfLlama2KtinyEqualsLlamaQuantizesFile(QuantMix mix) throws IOException {
    try (GgufFile src = GgufFile.open(SharedFiles.require("golden/models/llama2-ktiny/llama2-ktiny-BF16.gguf"));
        GgufFile cpp = GgufFile.open(SharedFiles.require("golden/models/llama2-ktiny/llama2-ktiny-" + mix + ".gguf"))) {
      Map<String, GgmlType> plan = TensorTypePlan.planFor(mix, src.tensors(), src.metadata().getInt("llama.block_count"));
      assertEquals(cpp.tensors().size(), plan.size());
      for (TensorInfo t : cpp.tensors()) {
        assertEquals(t.type(), plan.get(t.name()), mix + " " + t.name());
      }
    }
  }

  @Test
  void singleTypeMixesKeepRowsThatAreNotMultiplesOf32() {
    Map<String, GgmlType> plan = TensorTypePlan.plan(QuantMix.Q4_0, llama(5, false, 64, 172, 32), 5);
    assertEquals(GgmlType.Q4_0, plan.get("output.weight"));
    assertEquals(GgmlType.Q4_0, plan.get("blk.2.attn_v.weight"));
    assertEquals(GgmlType.F32, plan.get("blk.2.ffn_down.weight"));
    assertEquals(GgmlType.F32, plan.get("blk.2.ffn_norm.weight"));
  }

  @Test
  void quantizedSourcesAreCopiedAndUnfittableRowsFail() {
    List<TensorTypePlan.Tensor> t = List.of(
        new TensorTypePlan.Tensor("token_embd.weight", GgmlType.Q8_0, new long[] {256, 10}),
        new TensorTypePlan.Tensor("output.weight", GgmlType.F16, new long[] {48, 10}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TensorTypePlan.plan(QuantMix.Q4_K_M, t, 0));
    assertTrue(e.getMessage().contains("output.weight") && e.getMessage().contains("Q8_0"), e.getMessage());
    assertEquals(GgmlType.Q8_0, TensorTypePlan.plan(QuantMix.Q4_K_M, t.subList(0, 1), 0).get("token_embd.weight"));
  }
}
