package dev.llamakit.cli.engine;

import dev.llamakit.engine.gguf.GgmlType;
import picocli.CommandLine.Option;

/** llama.cpp's {@code --cache-type-k/--cache-type-v} ({@code -ctk/-ctv}): how the KV cache stores keys and values. */
public final class KvCacheMixin {
  @Option(names = {"-ctk", "--cache-type-k"}, paramLabel = "TYPE", converter = CacheTypeConverter.class,
      description = "KV cache type for keys: f32 (default), f16 or q8_0 (heads of a multiple of 32), as llama.cpp.")
  GgmlType keys = GgmlType.F32;

  @Option(names = {"-ctv", "--cache-type-v"}, paramLabel = "TYPE", converter = CacheTypeConverter.class,
      description = "KV cache type for values: f32 (default), f16 or q8_0.")
  GgmlType values = GgmlType.F32;
}
