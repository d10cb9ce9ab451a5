package dev.llamakit.cli.engine;

import dev.llamakit.engine.gguf.GgmlType;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --cache-type-k/--cache-type-v} values as llama.cpp spells them: {@code f32}, {@code f16}, {@code q8_0} (any
 * case). Anything else is a usage error naming the option (picocli adds it) and the value.
 */
final class CacheTypeConverter implements CommandLine.ITypeConverter<GgmlType> {
  @Override
  public GgmlType convert(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "f32" -> GgmlType.F32;
      case "f16" -> GgmlType.F16;
      case "q8_0" -> GgmlType.Q8_0;
      default -> throw new CommandLine.TypeConversionException("expected f32, f16 or q8_0, got '" + value + "'");
    };
  }

  /** How the bench and notes name a type: {@code f16}. */
  static String name(GgmlType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
