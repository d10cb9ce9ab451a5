package dev.llamakit.engine.convert;

import dev.llamakit.engine.gguf.GgmlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * llama.cpp's per-tensor type rules for the K-quant mixes and its fallback types, read from the resource tables
 * {@code mix-rules.tsv} and {@code fallback-types.tsv} (restated from llama.cpp c392e509 {@code src/llama-quant.cpp};
 * the tables' headers give the details).
 */
final class MixRules {
  /** One row of {@code mix-rules.tsv}. */
  record Rule(QuantMix mix, String tensor, boolean moreBitsOnly, GgmlType type) {
    /** Whether the rule concerns the output matrix (output.weight, or a tied token_embd.weight). */
    boolean output() {
      return tensor.equals("output");
    }
  }

  private static final List<Rule> RULES = readRules();
  private static final Map<GgmlType, GgmlType> FALLBACKS = readFallbacks();

  private MixRules() {}

  /** The rules of {@code mix}, in table order. */
  static List<Rule> rules(QuantMix mix) {
    return RULES.stream().filter(r -> r.mix() == mix).toList();
  }

  /** The fallback of {@code type} for rows that are not a multiple of its block, if llama.cpp has one. */
  static Optional<GgmlType> fallback(GgmlType type) {
    return Optional.ofNullable(FALLBACKS.get(type));
  }

  /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers and every third one between. */
  static boolean useMoreBits(int layer, int layers) {
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
  }

  private static List<Rule> readRules() {
    List<Rule> out = new ArrayList<>();
    for (String[] f : rows("mix-rules.tsv", 5)) {
      QuantMix mix = QuantMix.valueOf(f[0]);
      if (mix.base() != GgmlType.valueOf(f[1])) {
        throw new IllegalStateException("mix-rules.tsv: base type of " + mix + " is " + mix.base() + ", not " + f[1]);
      }
      boolean more = switch (f[3]) {
        case "all" -> false;
        case "use_more_bits" -> true;
        default -> throw new IllegalStateException("mix-rules.tsv: unknown layer condition " + f[3]);
      };
      out.add(new Rule(mix, f[2], more, GgmlType.valueOf(f[4])));
    }
    return List.copyOf(out);
  }

  private static Map<GgmlType, GgmlType> readFallbacks() {
    Map<GgmlType, GgmlType> out = new EnumMap<>(GgmlType.class);
    for (String[] f : rows("fallback-types.tsv", 2)) {
      out.put(GgmlType.valueOf(f[0]), GgmlType.valueOf(f[1]));
    }
    return out;
  }

  private static List<String[]> rows(String resource, int fields) {
    try (InputStream in = MixRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + resource);
      }
      List<String[]> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        if (f.length != fields) {
          throw new IllegalStateException(resource + ": expected " + fields + " fields in '" + line + "'");
        }
        out.add(f);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled " + resource, e);
    }
  }
}
