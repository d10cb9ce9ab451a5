package dev.llamakit.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized float32 kernels on heap arrays: dot products (4 accumulators), RMSNorm, softmax, SiLU-gating and axpy
 * (the batched-matmul register tiles are in {@link TileKernels}). All loops handle tails of any length.
 */
public final class FloatKernels {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private FloatKernels() {}

  /** {@code sum a[ao+i]*b[bo+i]} for {@code i < n}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0;
    float sum = 0;
    if (n >= L) {
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
      int bound4 = n - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
        s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
        s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
      }
      for (; i <= n - L; i += L) {
        s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
      }
      sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  /** {@code out = x / sqrt(mean(x^2) + eps) * weight}, sum of squares in double. */
  public static void rmsnorm(float[] out, int oo, float[] x, int xo, float[] weight, int n, float eps) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) x[xo + i] * x[xo + i];
    }
    float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
    int i = 0;
    FloatVector sv = FloatVector.broadcast(S, scale);
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, x, xo + i).mul(sv).mul(FloatVector.fromArray(S, weight, i)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = x[xo + i] * scale * weight[i];
    }
  }

  /**
   * In-place softmax of {@code x[off .. off+n)} (float, max-subtracted). The exponentials are the Vector API's
   * ({@code VectorOperators.EXP}, within 1 ulp of {@link Math#exp}), as llama.cpp uses its own vector exponential.
   */
  public static void softmax(float[] x, int off, int n) {
    int i = 0;
    float max = Float.NEGATIVE_INFINITY;
    if (n >= L) {
      FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
      for (; i <= n - L; i += L) {
        m = m.max(FloatVector.fromArray(S, x, off + i));
      }
      max = m.reduceLanes(VectorOperators.MAX);
    }
    for (; i < n; i++) {
      max = Math.max(max, x[off + i]);
    }
    FloatVector mv = FloatVector.broadcast(S, max), sv = FloatVector.zero(S);
    i = 0;
    for (; i <= n - L; i += L) {
      FloatVector e = FloatVector.fromArray(S, x, off + i).sub(mv).lanewise(VectorOperators.EXP);
      e.intoArray(x, off + i);
      sv = sv.add(e);
    }
    float sum = sv.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      float e = (float) Math.exp(x[off + i] - max);
      x[off + i] = e;
      sum += e;
    }
    float inv = 1f / sum;
    i = 0;
    FloatVector iv = FloatVector.broadcast(S, inv);
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, x, off + i).mul(iv).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= inv;
    }
  }

  /** {@code y[yo+i] += a * x[xo+i]}. */
  public static void axpy(float[] y, int yo, float a, float[] x, int xo, int n) {
    int i = 0;
    FloatVector av = FloatVector.broadcast(S, a);
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  /** {@code y[yo+i] += x[xo+i]}. */
  public static void add(float[] y, int yo, float[] x, int xo, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += x[xo + i];
    }
  }

  /** SwiGLU gate: {@code g[i] = silu(g[i]) * u[i]}. */
  public static void swiglu(float[] g, int go, float[] u, int uo, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (; i <= n - L; i += L) {
      FloatVector v = FloatVector.fromArray(S, g, go + i);
      v.div(one.add(v.neg().lanewise(VectorOperators.EXP))).mul(FloatVector.fromArray(S, u, uo + i))
          .intoArray(g, go + i);
    }
    for (; i < n; i++) {
      float v = g[go + i];
      g[go + i] = v / (1f + (float) Math.exp(-v)) * u[uo + i];
    }
  }

  /**
   * RoPE (llama.cpp NORM mode) on {@code heads} heads of {@code headSize} at {@code x[off..]}: rotates the pairs
   * {@code (2i, 2i+1)} for {@code i < rotDims/2} by the angles whose cos/sin are {@code cs[2i], cs[2i+1]}.
   */
  public static void rope(float[] x, int off, int heads, int headSize, int rotDims, float[] cs, int csOff) {
    for (int h = 0; h < heads; h++) {
      int base = off + h * headSize;
      for (int i = 0; i < rotDims; i += 2) {
        float c = cs[csOff + i], s = cs[csOff + i + 1];
        float x0 = x[base + i], x1 = x[base + i + 1];
        x[base + i] = x0 * c - x1 * s;
        x[base + i + 1] = x0 * s + x1 * c;
      }
    }
  }

  /** Sum of the float32 values in {@code seg[from .. to)} (byte offsets, multiples of 4): a memory-bandwidth probe. */
  public static float sum(java.lang.foreign.MemorySegment seg, long from, long to) {
    java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
    FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
    long step = 4L * L;
    long o = from;
    for (; o + 4 * step <= to; o += 4 * step) {
      s0 = s0.add(FloatVector.fromMemorySegment(S, seg, o, le));
      s1 = s1.add(FloatVector.fromMemorySegment(S, seg, o + step, le));
      s2 = s2.add(FloatVector.fromMemorySegment(S, seg, o + 2 * step, le));
      s3 = s3.add(FloatVector.fromMemorySegment(S, seg, o + 3 * step, le));
    }
    float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; o + 4 <= to; o += 4) {
      sum += seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, o);
    }
    return sum;
  }
}
