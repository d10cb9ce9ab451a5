package dev.llamakit.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register tiles of the batched (prefill) matmul for machines with 16 vector registers such as AVX2 ({@link
 * #used()}): the tokens lie across the vector lanes and the weights are broadcast, as in the classic GEMM
 * micro-kernels. A tile is {@link #ROWS} weight rows against {@link #GROUP} tokens (two vectors): per column
 * {@code k} it loads the two token vectors of column {@code k}, broadcasts each row's weight {@code w[r][k]} and
 * multiply-adds, into 8 accumulator vectors. That is 8 + 2 + 4 = 14 live vectors even if C2 issues all four
 * broadcasts of a step before the multiply-adds (as it did with five rows), within the 16 registers of AVX2 (and
 * SSE), where the 4x4 tiles of {@link TileKernels} need 21 and spill accumulators to the stack on every step (seen in
 * C2's code with {@code -XX:UseAVX=2}). Each output is one lane of one accumulator, summed in column order, so no
 * horizontal reduction is needed.
 *
 * <p>The weight rows of a tile are {@link #STRIDE} floats apart, a compile-time constant, so one index register
 * addresses all four (constant displacements). Measured against the 5-row tile this replaces (rows at a run-time
 * stride): C2 needed a register per row offset, ran out of general registers, kept the array in a vector register
 * and moved it back ({@code vmovq}, on the port of one of the two FMA units) for every broadcast; 75 GFLOP/s in L1
 * against 94 for this one (Xeon Sapphire Rapids class, {@code -XX:UseAVX=2}, FMA peak ~104). A 5-row tile with
 * constant offsets spilled an accumulator (C2 issued its five broadcasts first: 17 live vectors), as did 5 rows
 * unrolled by hand over 8 columns (C2 regrouped the multiply-adds by accumulator).
 *
 * <p>The activations are read transposed ({@link #transpose}): token group {@code g} (tokens {@code g*GROUP ..}) at
 * {@code xt[g*GROUP*cols ..]}, column {@code k} of it at {@code + k*GROUP}, tokens beyond {@code n} zero. The weights
 * are the float panel {@link MatMul} decodes, rows {@link #STRIDE} apart (pieces of at most {@link #WIDTH}
 * columns), walked in chunks of {@link #CHUNK} columns. Accumulator layout of a tile at {@code ao}: row {@code r},
 * token vector {@code v} (tokens {@code v*L ..}) at {@code acc[ao + (2r + v)*L]}.
 */
public final class BroadcastTiles {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Weight rows per tile. */
  public static final int ROWS = 4;
  /** Columns per pass of {@link MatMul}: 16 tokens x 512 floats = 32 KiB of activations stay in L1. */
  public static final int CHUNK = 512;
  /** Widest row a panel holds in one piece (wider rows are cut into pieces of this width). */
  public static final int WIDTH = 8192;
  /**
   * Floats from one weight row of a panel to the next: {@link #WIDTH} padded by 8 floats, so that rows fall into
   * different L1 sets (32 bytes apart modulo 4 KiB).
   */
  public static final int STRIDE = WIDTH + 8;
  /** Tokens per tile (two vectors). */
  public static final int GROUP = 2 * L;
  /** Floats of accumulators per tile. */
  public static final int TILE_ACC = 2 * ROWS * L;

  private BroadcastTiles() {}

  /**
   * System property naming the prefill tiles: {@code auto} (the default: these where the machine has 16 vector
   * registers, {@link #vectorRegisters()}), {@code broadcast} (these everywhere) or {@code 4x4} ({@link TileKernels}
   * everywhere). For comparing the two in benchmarks; results differ only by float summation order.
   */
  public static final String PROPERTY = "llamakit.prefill.tiles";

  private static final boolean USED = switch (System.getProperty(PROPERTY, "auto")) {
    case "auto" -> vectorRegisters() < 32;
    case "broadcast" -> true;
    case "4x4" -> false;
    default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + System.getProperty(PROPERTY)
        + ": expected auto, broadcast or 4x4");
  };

  /**
   * Whether {@link MatMul} uses these tiles ({@link #PROPERTY}; by default where there are 16 vector registers).
   * The register count, not the width, decides: measured on 2048 x 2048 Q4_0 products of 64 tokens (thread CPU
   * time, Xeon Sapphire Rapids class), with 32 registers the 4x4 tiles run at ~100 GFLOP/s with 256-bit vectors
   * ({@code -XX:MaxVectorSize=32}, AVX-512 registers) against ~55 for these, and ~41 vs ~39 at 128 bits; with 16
   * registers ({@code -XX:UseAVX=2}) they spill and these win: ~46 vs ~60 at 256 bits, ~33 vs ~39 at 128 (the
   * 5-row tiles these replaced; the 4-row ones run ~70-79 there, see the class comment).
   */
  public static boolean used() {
    return USED;
  }

  /**
   * The vector registers C2 allocates from: 32 on AArch64 (NEON/SVE), RISC-V and x86 with AVX-512 enabled
   * ({@code UseAVX} 3, read from the running JVM), else 16 (AVX2, AVX, SSE; also when the option cannot be read).
   */
  static int vectorRegisters() {
    String arch = System.getProperty("os.arch", "");
    if (arch.equals("aarch64") || arch.startsWith("riscv")) {
      return 32;
    }
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return 16;
    }
    try {
      var bean = java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && Integer.parseInt(bean.getVMOption("UseAVX").getValue()) >= 3 ? 32 : 16;
    } catch (RuntimeException e) {
      return 16;  // not HotSpot, or no such option: assume the smaller register file
    }
  }

  /** Floats {@link #transpose} writes for {@code n} tokens of {@code cols} columns. */
  public static int transposedLength(int n, int cols) {
    return (n + GROUP - 1) / GROUP * GROUP * cols;
  }

  /** Writes {@code x[t*cols + k]} ({@code t < n}) to {@code xt} in the layout of the class comment. */
  public static void transpose(float[] x, int n, int cols, float[] xt) {
    for (int g0 = 0; g0 < n; g0 += GROUP) {
      transposeGroup(x, n, cols, xt, g0 / GROUP);
    }
  }

  /** {@link #transpose} of token group {@code g} only (groups are independent: workers may split them). */
  public static void transposeGroup(float[] x, int n, int cols, float[] xt, int g) {
    int g0 = g * GROUP, base = g0 * cols, tokens = Math.min(GROUP, n - g0);
    for (int k = 0; k < cols; k++) {
      int o = base + k * GROUP;
      for (int j = 0; j < tokens; j++) {
        xt[o + j] = x[(g0 + j) * cols + k];
      }
      for (int j = tokens; j < GROUP; j++) {
        xt[o + j] = 0f;
      }
    }
  }

  /**
   * Rows {@code w[wo + r*STRIDE ..]} ({@code r < ROWS}, {@code len} columns each) times the {@link #GROUP} tokens at
   * {@code xt[xo ..]} (column {@code k} at {@code xo + k*GROUP}), added to the 8 accumulator vectors at
   * {@code acc[ao ..]}.
   */
  public static void tile4x2(float[] w, int wo, float[] xt, int xo, int len, float[] acc, int ao) {
    FloatVector a00 = FloatVector.fromArray(S, acc, ao), a01 = FloatVector.fromArray(S, acc, ao + L),
        a10 = FloatVector.fromArray(S, acc, ao + 2 * L), a11 = FloatVector.fromArray(S, acc, ao + 3 * L),
        a20 = FloatVector.fromArray(S, acc, ao + 4 * L), a21 = FloatVector.fromArray(S, acc, ao + 5 * L),
        a30 = FloatVector.fromArray(S, acc, ao + 6 * L), a31 = FloatVector.fromArray(S, acc, ao + 7 * L);
    for (int k = 0; k < len; k++) {
      int o = xo + GROUP * k;
      FloatVector x0 = FloatVector.fromArray(S, xt, o), x1 = FloatVector.fromArray(S, xt, o + L);
      FloatVector b = FloatVector.broadcast(S, w[wo + k]);
      a00 = x0.fma(b, a00);
      a01 = x1.fma(b, a01);
      b = FloatVector.broadcast(S, w[wo + STRIDE + k]);
      a10 = x0.fma(b, a10);
      a11 = x1.fma(b, a11);
      b = FloatVector.broadcast(S, w[wo + 2 * STRIDE + k]);
      a20 = x0.fma(b, a20);
      a21 = x1.fma(b, a21);
      b = FloatVector.broadcast(S, w[wo + 3 * STRIDE + k]);
      a30 = x0.fma(b, a30);
      a31 = x1.fma(b, a31);
    }
    a00.intoArray(acc, ao);
    a01.intoArray(acc, ao + L);
    a10.intoArray(acc, ao + 2 * L);
    a11.intoArray(acc, ao + 3 * L);
    a20.intoArray(acc, ao + 4 * L);
    a21.intoArray(acc, ao + 5 * L);
    a30.intoArray(acc, ao + 6 * L);
    a31.intoArray(acc, ao + 7 * L);
  }

  /**
   * As {@link #tile4x2} for the first token vector of the group only (a last group of at most {@link #L} tokens):
   * accumulators at {@code acc[ao + 2r*L]}, same layout.
   */
  public static void tile4x1(float[] w, int wo, float[] xt, int xo, int len, float[] acc, int ao) {
    FloatVector a0 = FloatVector.fromArray(S, acc, ao), a1 = FloatVector.fromArray(S, acc, ao + 2 * L),
        a2 = FloatVector.fromArray(S, acc, ao + 4 * L), a3 = FloatVector.fromArray(S, acc, ao + 6 * L);
    for (int k = 0; k < len; k++) {
      FloatVector x0 = FloatVector.fromArray(S, xt, xo + GROUP * k);
      a0 = x0.fma(FloatVector.broadcast(S, w[wo + k]), a0);
      a1 = x0.fma(FloatVector.broadcast(S, w[wo + STRIDE + k]), a1);
      a2 = x0.fma(FloatVector.broadcast(S, w[wo + 2 * STRIDE + k]), a2);
      a3 = x0.fma(FloatVector.broadcast(S, w[wo + 3 * STRIDE + k]), a3);
    }
    a0.intoArray(acc, ao);
    a1.intoArray(acc, ao + 2 * L);
    a2.intoArray(acc, ao + 4 * L);
    a3.intoArray(acc, ao + 6 * L);
  }
}
