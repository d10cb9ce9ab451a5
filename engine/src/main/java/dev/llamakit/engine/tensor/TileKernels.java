package dev.llamakit.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Accumulating register tiles for the batched (prefill) matmul: four weight rows against four, two or one token
 * vectors over a column range, with the partial sums kept as whole vectors in an accumulator array so that a long
 * row can be processed in column chunks without a horizontal reduction per chunk.
 *
 * <p>Accumulator layout: the vector of row {@code r} (0..3) and token {@code c} starts at {@code acc[ao + (c*4 + r)*L]}
 * with {@code L = }{@link #lanes()}; {@link #reduce} sums one such vector.
 */
public final class TileKernels {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private TileKernels() {}

  /** Floats per accumulator vector. */
  public static int lanes() {
    return L;
  }

  /** Sum of the accumulator vector at {@code acc[off .. off+L)}. */
  public static float reduce(float[] acc, int off) {
    return FloatVector.fromArray(S, acc, off).reduceLanes(VectorOperators.ADD);
  }

  /**
   * Rows {@code w[wo + r*ws ..]} (r = 0..3) times tokens {@code x[xo + c*xs ..]} (c = 0..3) over {@code n} columns
   * ({@code n} a multiple of {@link #lanes()}; see {@link #tail} for the rest), added to the 16 accumulator vectors at
   * {@code acc[ao ..]}. Kept free of tail code: a larger body makes C1 give up on it ("out of virtual registers") and
   * the method can then stay in a slow tier.
   */
  public static void tile4x4(float[] w, int wo, int ws, float[] x, int xo, int xs, int n, float[] acc, int ao) {
    FloatVector a00 = FloatVector.fromArray(S, acc, ao), a10 = FloatVector.fromArray(S, acc, ao + L),
        a20 = FloatVector.fromArray(S, acc, ao + 2 * L), a30 = FloatVector.fromArray(S, acc, ao + 3 * L),
        a01 = FloatVector.fromArray(S, acc, ao + 4 * L), a11 = FloatVector.fromArray(S, acc, ao + 5 * L),
        a21 = FloatVector.fromArray(S, acc, ao + 6 * L), a31 = FloatVector.fromArray(S, acc, ao + 7 * L),
        a02 = FloatVector.fromArray(S, acc, ao + 8 * L), a12 = FloatVector.fromArray(S, acc, ao + 9 * L),
        a22 = FloatVector.fromArray(S, acc, ao + 10 * L), a32 = FloatVector.fromArray(S, acc, ao + 11 * L),
        a03 = FloatVector.fromArray(S, acc, ao + 12 * L), a13 = FloatVector.fromArray(S, acc, ao + 13 * L),
        a23 = FloatVector.fromArray(S, acc, ao + 14 * L), a33 = FloatVector.fromArray(S, acc, ao + 15 * L);
    int w1o = wo + ws, w2o = wo + 2 * ws, w3o = wo + 3 * ws;
    int x1o = xo + xs, x2o = xo + 2 * xs, x3o = xo + 3 * xs;
    for (int i = 0; i <= n - L; i += L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xo + i), x1 = FloatVector.fromArray(S, x, x1o + i),
          x2 = FloatVector.fromArray(S, x, x2o + i), x3 = FloatVector.fromArray(S, x, x3o + i);
      FloatVector v = FloatVector.fromArray(S, w, wo + i);
      a00 = v.fma(x0, a00);
      a01 = v.fma(x1, a01);
      a02 = v.fma(x2, a02);
      a03 = v.fma(x3, a03);
      v = FloatVector.fromArray(S, w, w1o + i);
      a10 = v.fma(x0, a10);
      a11 = v.fma(x1, a11);
      a12 = v.fma(x2, a12);
      a13 = v.fma(x3, a13);
      v = FloatVector.fromArray(S, w, w2o + i);
      a20 = v.fma(x0, a20);
      a21 = v.fma(x1, a21);
      a22 = v.fma(x2, a22);
      a23 = v.fma(x3, a23);
      v = FloatVector.fromArray(S, w, w3o + i);
      a30 = v.fma(x0, a30);
      a31 = v.fma(x1, a31);
      a32 = v.fma(x2, a32);
      a33 = v.fma(x3, a33);
    }
    a00.intoArray(acc, ao);
    a10.intoArray(acc, ao + L);
    a20.intoArray(acc, ao + 2 * L);
    a30.intoArray(acc, ao + 3 * L);
    a01.intoArray(acc, ao + 4 * L);
    a11.intoArray(acc, ao + 5 * L);
    a21.intoArray(acc, ao + 6 * L);
    a31.intoArray(acc, ao + 7 * L);
    a02.intoArray(acc, ao + 8 * L);
    a12.intoArray(acc, ao + 9 * L);
    a22.intoArray(acc, ao + 10 * L);
    a32.intoArray(acc, ao + 11 * L);
    a03.intoArray(acc, ao + 12 * L);
    a13.intoArray(acc, ao + 13 * L);
    a23.intoArray(acc, ao + 14 * L);
    a33.intoArray(acc, ao + 15 * L);
  }

  /** As {@link #tile4x4} for two tokens (8 accumulator vectors). */
  public static void tile4x2(float[] w, int wo, int ws, float[] x, int xo, int xs, int n, float[] acc, int ao) {
    FloatVector a00 = FloatVector.fromArray(S, acc, ao), a10 = FloatVector.fromArray(S, acc, ao + L),
        a20 = FloatVector.fromArray(S, acc, ao + 2 * L), a30 = FloatVector.fromArray(S, acc, ao + 3 * L),
        a01 = FloatVector.fromArray(S, acc, ao + 4 * L), a11 = FloatVector.fromArray(S, acc, ao + 5 * L),
        a21 = FloatVector.fromArray(S, acc, ao + 6 * L), a31 = FloatVector.fromArray(S, acc, ao + 7 * L);
    int w1o = wo + ws, w2o = wo + 2 * ws, w3o = wo + 3 * ws, x1o = xo + xs;
    for (int i = 0; i <= n - L; i += L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xo + i), x1 = FloatVector.fromArray(S, x, x1o + i);
      FloatVector v = FloatVector.fromArray(S, w, wo + i);
      a00 = v.fma(x0, a00);
      a01 = v.fma(x1, a01);
      v = FloatVector.fromArray(S, w, w1o + i);
      a10 = v.fma(x0, a10);
      a11 = v.fma(x1, a11);
      v = FloatVector.fromArray(S, w, w2o + i);
      a20 = v.fma(x0, a20);
      a21 = v.fma(x1, a21);
      v = FloatVector.fromArray(S, w, w3o + i);
      a30 = v.fma(x0, a30);
      a31 = v.fma(x1, a31);
    }
    a00.intoArray(acc, ao);
    a10.intoArray(acc, ao + L);
    a20.intoArray(acc, ao + 2 * L);
    a30.intoArray(acc, ao + 3 * L);
    a01.intoArray(acc, ao + 4 * L);
    a11.intoArray(acc, ao + 5 * L);
    a21.intoArray(acc, ao + 6 * L);
    a31.intoArray(acc, ao + 7 * L);
  }

  /** As {@link #tile4x4} for one token (4 accumulator vectors). */
  public static void tile4x1(float[] w, int wo, int ws, float[] x, int xo, int n, float[] acc, int ao) {
    FloatVector a0 = FloatVector.fromArray(S, acc, ao), a1 = FloatVector.fromArray(S, acc, ao + L),
        a2 = FloatVector.fromArray(S, acc, ao + 2 * L), a3 = FloatVector.fromArray(S, acc, ao + 3 * L);
    int w1o = wo + ws, w2o = wo + 2 * ws, w3o = wo + 3 * ws;
    for (int i = 0; i <= n - L; i += L) {
      FloatVector x0 = FloatVector.fromArray(S, x, xo + i);
      a0 = FloatVector.fromArray(S, w, wo + i).fma(x0, a0);
      a1 = FloatVector.fromArray(S, w, w1o + i).fma(x0, a1);
      a2 = FloatVector.fromArray(S, w, w2o + i).fma(x0, a2);
      a3 = FloatVector.fromArray(S, w, w3o + i).fma(x0, a3);
    }
    a0.intoArray(acc, ao);
    a1.intoArray(acc, ao + L);
    a2.intoArray(acc, ao + 2 * L);
    a3.intoArray(acc, ao + 3 * L);
  }

  /**
   * Scalar remainder: rows {@code w[wo + r*ws ..]} (r = 0..3) times {@code tokens} tokens {@code x[xo + c*xs ..]} over
   * columns {@code [from, to)}, added to lane 0 of the accumulator vectors at {@code acc[ao ..]} (same layout).
   */
  public static void tail(float[] w, int wo, int ws, float[] x, int xo, int xs, int tokens, int from, int to,
      float[] acc, int ao) {
    for (int c = 0; c < tokens; c++) {
      for (int r = 0; r < 4; r++) {
        float s = 0;
        for (int i = from; i < to; i++) {
          s += w[wo + r * ws + i] * x[xo + c * xs + i];
        }
        acc[ao + (c * 4 + r) * L] += s;
      }
    }
  }
}
