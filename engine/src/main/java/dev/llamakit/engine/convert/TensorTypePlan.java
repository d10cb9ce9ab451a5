package dev.llamakit.engine.convert;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.TensorInfo;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type every tensor of a model gets in a {@link QuantMix}, decided as llama-quantize decides it.
 *
 * <p>Quantized are the float (F32/F16/BF16) tensors of two or more dimensions whose names end in {@code weight},
 * except norms ({@code _norm.weight}) and expert gates ({@code ffn_gate_inp.weight}); everything else keeps its type
 * (llama.cpp refuses to requantize an already quantized tensor; llamakit copies it). For the K mixes the tensors are
 * visited in llama.cpp's order (by layer number, tensors outside a layer first, then by name), which is what its
 * per-kind counters ({@code i_attention_wv}, {@code i_ffn_down}) count in; each tensor gets the mix's base type, then
 * the first matching {@link MixRules} row, then the fallback for rows that are not a multiple of the block. A single-
 * type mix ({@code Q8_0}, {@code Q4_0}) gives every quantized tensor whose rows are a multiple of 32 that type.
 */
public final class TensorTypePlan {
  private static final Pattern LAYER = Pattern.compile("^blk\\.(\\d+)\\.");
  private static final Comparator<String> LLAMA_CPP_ORDER =
      Comparator.comparingInt(TensorTypePlan::layerOf).thenComparing(Comparator.naturalOrder());

  private TensorTypePlan() {}

  /** A tensor's name, type and shape: what the plan looks at. */
  public record Tensor(String name, GgmlType type, long[] shape) {
    static Tensor of(TensorInfo t) {
      return new Tensor(t.name(), t.type(), t.shape());
    }
  }

  /** {@link #plan(QuantMix, List, int)} over a GGUF file's tensor table. */
  public static Map<String, GgmlType> planFor(QuantMix mix, List<TensorInfo> tensors, int blockCount) {
    return plan(mix, tensors.stream().map(Tensor::of).toList(), blockCount);
  }

  /**
   * The type of every tensor (in the given order) of a model with {@code blockCount} layers; a tensor that is not
   * converted maps to its own type. Fails, as llama-quantize does, when a tensor's rows fit neither its type's block
   * nor a fallback's.
   */
  public static Map<String, GgmlType> plan(QuantMix mix, List<Tensor> tensors, int blockCount) {
    Map<String, GgmlType> chosen = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      chosen.put(t.name(), t.type());
    }
    if (!mix.llamaCppRules()) {
      for (Tensor t : tensors) {
        if (quantizable(t) && t.shape()[0] % mix.base().blockSize() == 0) {
          chosen.put(t.name(), mix.base());
        }
      }
      return chosen;
    }
    boolean hasOutput = chosen.containsKey("output.weight");
    int attnV = (int) tensors.stream().map(Tensor::name).filter(n -> n.contains("attn_v.weight")
        || n.contains("attn_qkv.weight") || n.contains("attn_kv_b.weight")).count();
    int iAttnV = 0, iFfnDown = 0;
    List<Tensor> ordered = tensors.stream().sorted(Comparator.comparing(Tensor::name, LLAMA_CPP_ORDER)).toList();
    for (Tensor t : ordered) {
      if (!quantizable(t)) {
        continue;
      }
      String name = t.name();
      long cols = t.shape()[0];
      boolean output = name.equals("output.weight") || (!hasOutput && name.equals("token_embd.weight"));
      GgmlType type = mix.base();
      for (MixRules.Rule r : MixRules.rules(mix)) {
        if (r.output() ? output : !output && name.contains(r.tensor())) {
          boolean applies = !r.moreBitsOnly()
              || (r.tensor().equals("attn_v.weight") ? MixRules.useMoreBits(iAttnV, attnV)
                  : MixRules.useMoreBits(iFfnDown, blockCount));
          if (output && cols % mix.base().blockSize() != 0) {
            type = GgmlType.Q8_0;
          } else if (applies) {
            type = r.type();
          }
          break;
        }
      }
      if (!output && name.contains("attn_v.weight")) {
        iAttnV++;
      } else if (!output && name.contains("ffn_down")) {
        iFfnDown++;
      }
      chosen.put(name, fitRows(name, type, cols));
    }
    return chosen;
  }

  /** {@code type}, or its fallback (then F16) when rows of {@code cols} are not a whole number of its blocks. */
  static GgmlType fitRows(String name, GgmlType type, long cols) {
    if (cols % type.blockSize() == 0) {
      return type;
    }
    GgmlType fallback = MixRules.fallback(type).orElseThrow(() -> new IllegalArgumentException("tensor " + name
        + ": rows of " + cols + " are not a multiple of " + type.blockSize() + ", required for " + type
        + ", and " + type + " has no fallback type (llama-quantize stops here too)"));
    return cols % fallback.blockSize() == 0 ? fallback : GgmlType.F16;
  }

  /** Whether llama-quantize would quantize {@code t} (and llamakit can: a float source). */
  static boolean quantizable(Tensor t) {
    boolean floatType = t.type() == GgmlType.F32 || t.type() == GgmlType.F16 || t.type() == GgmlType.BF16;
    String n = t.name();
    return floatType && t.shape().length >= 2 && n.endsWith("weight") && !n.contains("_norm.weight")
        && !n.contains("ffn_gate_inp.weight");
  }

  /** The layer number of {@code blk.N.*}, -1 for tensors outside the layers (llama.cpp's sort key). */
  static int layerOf(String name) {
    Matcher m = LAYER.matcher(name);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
