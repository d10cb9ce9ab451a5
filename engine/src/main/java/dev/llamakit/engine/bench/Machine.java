package dev.llamakit.engine.bench;

import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;

/**
 * What a benchmark figure was measured on: the vector width the kernels run at (the Vector API's preferred species,
 * which {@code -XX:UseAVX=2} or {@code -XX:MaxVectorSize=16} narrow) and the CPU's model name.
 */
public final class Machine {
  private Machine() {}

  /** Bits of {@link FloatVector#SPECIES_PREFERRED}: 512 with AVX-512, 256 with AVX2, 128 with NEON or SSE. */
  public static int vectorBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  /** The header line, e.g. {@code "512-bit (FloatVector.SPECIES_PREFERRED)"}. */
  public static String vectors() {
    return vectorBits() + "-bit (FloatVector.SPECIES_PREFERRED)";
  }

  /** The CPU model name, from {@code cpuinfo} (Linux's {@code /proc/cpuinfo}), else the OS's architecture name. */
  public static String cpuModel() {
    return cpuModel(Path.of("/proc/cpuinfo"));
  }

  /**
   * The first {@code model name} (x86) or {@code Model} / {@code Hardware} (ARM) value in {@code cpuinfo}; {@code
   * os.arch} with "(model unknown)" when the file is absent, unreadable or names none.
   */
  static String cpuModel(Path cpuinfo) {
    String fallback = System.getProperty("os.arch") + " (model unknown)";
    if (!Files.isReadable(cpuinfo)) {
      return fallback;
    }
    String[] found = new String[3];
    try {
      TextLines.forEach(cpuinfo, (line, n) -> {
        int colon = line.indexOf(':');
        if (colon < 0) {
          return;
        }
        String key = line.substring(0, colon).strip(), value = line.substring(colon + 1).strip();
        int slot = switch (key) {
          case "model name" -> 0;
          case "Model" -> 1;
          case "Hardware" -> 2;
          default -> -1;
        };
        if (slot >= 0 && found[slot] == null && !value.isEmpty()) {
          found[slot] = value;
        }
      });
    } catch (IOException e) {
      return fallback;
    }
    for (String s : found) {
      if (s != null) {
        return s;
      }
    }
    return fallback;
  }
}
