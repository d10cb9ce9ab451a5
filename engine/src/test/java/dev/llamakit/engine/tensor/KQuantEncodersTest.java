package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The K-quant encoders (and the Q5_0/Q5_1 fallbacks) write blocks that the engine's scalar reference decoders read
 * back close to the input: the relative RMSE (RMSE / standard deviation of the input) of N(0,1) data stays within a
 * bound per format, and llama.cpp's own test criterion (test-quantize-fns) holds.
 */
class KQuantEncodersTest {
  /** Encodes {@code x} as one row of {@code type} and decodes it with the reference {@code dequantizeRow}. */
  static float[] roundTrip(GgmlType type, float[] x) {
    ByteBuffer buf = ByteBuffer.allocate((int) type.byteSize(x.length));
    Quantizer.quantize(type, x, 0, x.length, buf);
    assertEquals(buf.capacity(), buf.position(), type + " wrote a whole row");
    float[] y = new float[x.length];
    WeightMatrix.of("t", type, MemorySegment.ofArray(buf.array()), 1, x.length).dequantizeRow(0, y, 0);
    return y;
  }

  static double rmse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s / a.length);
  }

  /**
   * Bounds: the relative RMSE measured on this data (Q4_K 0.0714, Q5_K 0.0357, Q6_K 0.0168, Q5_0 0.0427, Q5_1 0.0377)
   * rounded up by about 5%; a rounding-to-nearest quantizer with the format's step (range / levels) would give
   * about step / sqrt(12), a wrong bit layout several times more.
   */
  @ParameterizedTest
  @CsvSource({"Q4_K, 0.075", "Q5_K, 0.0375", "Q6_K, 0.0177", "Q5_0, 0.045", "Q5_1, 0.040"})
  void relativeRmseOfGaussianRows(GgmlType type, double bound) {
    float[] x = WeightMatrixTest.gaussian(256 * 64, 11);
    float[] y = roundTrip(type, x);
    double rel = rmse(x, y);  // the data has standard deviation 1
    assertTrue(rel <= bound, type + " relative RMSE " + rel + " > " + bound);
  }

  /** llama.cpp's test-quantize-fns: data 0.1 + 2 cos(i), 4,096 values, sqrt(sum of squared errors) / n <= 0.002. */
  @ParameterizedTest
  @CsvSource({"Q4_K", "Q5_K", "Q6_K", "Q5_0", "Q5_1"})
  void llamaCppTotalErrorCriterion(GgmlType type) {
    float[] x = new float[4096];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.1 + 2 * Math.cos(i));
    }
    float[] y = roundTrip(type, x);
    double total = rmse(x, y) * Math.sqrt(x.length) / x.length;
    assertTrue(total <= 0.002, type + " total error " + total);
  }
}
