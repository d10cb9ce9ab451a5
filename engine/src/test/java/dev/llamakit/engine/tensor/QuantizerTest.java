package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quantize then dequantize stays within each format's rounding bound. */
class QuantizerTest {
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F16", "BF16", "Q8_0", "Q4_0"})
  void errorWithinBound(GgmlType type) {
    int n = 32 * 64;
    float[] x = WeightMatrixTest.gaussian(n, 5);
    ByteBuffer buf = ByteBuffer.allocate((int) type.byteSize(n));
    Quantizer.quantize(type, x, 0, n, buf);
    float[] y = new float[n];
    WeightMatrix.of("q", type, MemorySegment.ofArray(buf.array()), 1, n).dequantizeRow(0, y, 0);
    for (int b = 0; b < n / 32; b++) {
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[b * 32 + j]));
      }
      for (int j = 0; j < 32; j++) {
        int i = b * 32 + j;
        float bound = switch (type) {
          case F16 -> Math.abs(x[i]) * 0x1p-11f + 1e-7f;
          case BF16 -> Math.abs(x[i]) * 0x1p-8f;
          case Q8_0 -> amax / 127f * 0.56f;      // half a step + the F16 rounding of the scale
          case Q4_0 -> amax / 8f * 1.01f;        // the most negative-side extreme clamps by a whole step
          default -> throw new AssertionError();
        };
        assertTrue(Math.abs(x[i] - y[i]) <= bound, type + " element " + i + ": " + x[i] + " -> " + y[i]);
      }
    }
  }
}
