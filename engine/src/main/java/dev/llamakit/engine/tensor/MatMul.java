package dev.llamakit.engine.tensor;

import dev.llamakit.engine.parallel.WorkerPool;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel matrix products {@code out[t][r] = W[r] . x[t]} for one or more weight matrices sharing an input.
 *
 * <p>One token (decode): the input is quantized once per matrix format (Q8_0 / Q8_K, as llama.cpp does) and every
 * row uses its type's fast quantized dot; with {@code exact} the float-activation dot is used instead. Several
 * tokens (prefill, scoring): workers take blocks of {@link #BLOCK_ROWS} rows, decode each block once into a float
 * panel (bit-exact weights) and run the accumulating 4x4 register tiles of {@link TileKernels} over it in column
 * chunks of {@link #K_CHUNK}, so that the rows being used and the activations of four tokens stay in L1/L2 even when
 * all the tokens' activations (64 x 8192 floats = 2 MiB) do not fit in L2. Where {@link BroadcastTiles#used()} (16
 * vector registers, e.g. AVX2, on which the 4x4 tiles spill) the activations are transposed once per call and blocks
 * of {@link #BROADCAST_BLOCK_ROWS} rows run the broadcast tiles instead. Results equal the one-token float dot up
 * to float reassociation (lane-wise partial sums, one reduction per output; or one lane per output, column order).
 *
 * <p>Rows of all matrices in one call form one range, so Q/K/V (or gate/up) cost one barrier. The range is handed
 * out from a shared counter (contiguous row chunks for one token, row blocks for several) rather than split
 * statically: on a shared machine a descheduled worker then delays the call by one chunk, not by its whole half, and
 * fused matrices of different heights split evenly.
 */
public final class MatMul {
  private static final int MIN_CHUNK_ROWS = 16;
  private static final int CHUNKS_PER_WORKER = 16;
  /** Rows decoded together in the batched path (a multiple of 4); 32 rows x 2048 columns = 256 KiB of panel. */
  static final int BLOCK_ROWS = 32;
  /** Panel row stride padding in floats: a power-of-two stride would map every row chunk to the same L1 sets. */
  static final int PAD = 16;
  /** Columns per pass in the batched path (a multiple of the lanes): 4 rows x 1024 floats = 16 KiB stay in L1. */
  static final int K_CHUNK = 1024;

  /** Rows decoded together where {@link BroadcastTiles} are used (a multiple of its 4-row tiles). */
  static final int BROADCAST_BLOCK_ROWS = 20;
  /** Columns per pass with {@link BroadcastTiles}: 16 tokens x 512 floats = 32 KiB of activations stay in L1. */
  static final int BROADCAST_K_CHUNK = BroadcastTiles.CHUNK;

  private final WorkerPool pool;
  /** The activations transposed for {@link BroadcastTiles}, grown on demand. */
  private float[] xt = new float[0];
  private final AtomicInteger nextRow = new AtomicInteger();
  private final float[][] panels;
  /** One decoded row per worker, copied from here into the chunks of a broadcast panel. */
  private final float[][] rowScratch;
  private final float[][] accs;
  private final QuantizedActivations q80;
  private final QuantizedActivations q8k;

  /** Scratch for a pool and inputs up to {@code maxCols} wide. */
  public MatMul(WorkerPool pool, int maxCols) {
    this.pool = pool;
    this.maxCols = maxCols;
    int workers = pool.size();
    int pieces = (maxCols + BroadcastTiles.WIDTH - 1) / BroadcastTiles.WIDTH;
    panels = new float[workers][BroadcastTiles.used()
        ? BROADCAST_BLOCK_ROWS * BroadcastTiles.STRIDE * pieces : BLOCK_ROWS * (maxCols + PAD)];
    rowScratch = new float[workers][BroadcastTiles.used() && pieces > 1 ? maxCols : 0];
    accs = new float[workers][0];
    q80 = new QuantizedActivations(maxCols);
    q8k = new QuantizedActivations(maxCols);
  }

  public WorkerPool pool() {
    return pool;
  }

  /** {@code out[t*w.rows() + r] = w[r] . x[t*w.cols() ..]} for {@code t < n}. */
  public void matmul(WeightMatrix w, float[] x, int n, float[] out, boolean exact) {
    matmul(new WeightMatrix[] {w}, x, n, new float[][] {out}, exact);
  }

  /** Several matrices with the same {@code cols} over the same input, in one parallel region. */
  public void matmul(WeightMatrix[] ws, float[] x, int n, float[][] outs, boolean exact) {
    int cols = ws[0].cols();
    int totalRows = 0;
    for (WeightMatrix w : ws) {
      if (w.cols() != cols) {
        throw new IllegalArgumentException("matrices " + ws[0].name() + " and " + w.name() + " differ in width");
      }
      totalRows += w.rows();
    }
    if (n == 1) {
      if (!exact) {
        boolean did80 = false, did8k = false;
        for (WeightMatrix w : ws) {
          ActivationFormat f = w.activationFormat();
          if (f == ActivationFormat.Q8_0 && !did80) {
            q80.quantize(f, x, 0, cols);
            did80 = true;
          } else if (f == ActivationFormat.Q8_K && !did8k) {
            q8k.quantize(f, x, 0, cols);
            did8k = true;
          }
        }
      }
      int total = totalRows;
      // Rows are handed out in contiguous chunks from a shared counter rather than split statically: on a shared
      // machine a descheduled worker then delays the call by one chunk, not by its whole half. Chunks shrink as the
      // rows run out (guided scheduling), so the workers also finish within a few rows of each other.
      int chunk = Math.max(MIN_CHUNK_ROWS, total / (pool.size() * CHUNKS_PER_WORKER));
      nextRow.set(0);
      pool.run((wk, nw) -> {
        float[] scratch = panels[wk];
        if (nw == 1) {
          decodeRows(ws, x, outs, exact, 0, total, scratch);
          return;
        }
        for (int from = nextRow.get(); from < total; from = nextRow.get()) {
          int size = Math.max(MIN_CHUNK_ROWS, Math.min(chunk, (total - from) / (4 * nw)));
          if (nextRow.compareAndSet(from, from + size)) {
            decodeRows(ws, x, outs, exact, from, Math.min(from + size, total), scratch);
          }
        }
      });
      return;
    }
    boolean broadcast = BroadcastTiles.used();
    int blockRows = broadcast ? BROADCAST_BLOCK_ROWS : BLOCK_ROWS;
    int accLen;
    if (broadcast) {
      int len = BroadcastTiles.transposedLength(n, cols);
      if (xt.length < len) {
        xt = new float[len];
      }
      float[] dst = xt;
      int groups = (n + BroadcastTiles.GROUP - 1) / BroadcastTiles.GROUP;
      if (pool.size() == 1 || groups == 1) {
        BroadcastTiles.transpose(x, n, cols, dst);
      } else {
        pool.run((wk, nw) -> {  // token groups are independent: one more barrier, the copy split across workers
          for (int g = wk; g < groups; g += nw) {
            BroadcastTiles.transposeGroup(x, n, cols, dst, g);
          }
        });
      }
      accLen = BROADCAST_BLOCK_ROWS / BroadcastTiles.ROWS * ((n + BroadcastTiles.GROUP - 1) / BroadcastTiles.GROUP)
          * BroadcastTiles.TILE_ACC;
    } else {
      accLen = BLOCK_ROWS * n * TileKernels.lanes();
    }
    float[] xtn = xt;
    int blocks = 0;
    for (WeightMatrix w : ws) {
      blocks += (w.rows() + blockRows - 1) / blockRows;
    }
    int totalBlocks = blocks;
    nextRow.set(0);
    pool.run((wk, nw) -> {
      float[] panel = panels[wk];
      if (accs[wk].length < accLen) {
        accs[wk] = new float[accLen];
      }
      float[] acc = accs[wk];
      for (int b = nextRow.getAndIncrement(); b < totalBlocks; b = nextRow.getAndIncrement()) {
        int m = 0, rb = b;
        while (rb >= (ws[m].rows() + blockRows - 1) / blockRows) {
          rb -= (ws[m].rows() + blockRows - 1) / blockRows;
          m++;
        }
        WeightMatrix w = ws[m];
        int r0 = rb * blockRows;
        int nr = Math.min(blockRows, w.rows() - r0);
        if (broadcast) {
          prefillBlockBroadcast(w, r0, nr, xtn, n, outs[m], panel, rowScratch[wk], acc);
        } else {
          prefillBlock(w, r0, nr, x, n, outs[m], panel, acc);
        }
      }
    });
  }

  /**
   * Rows {@code [r0, r0+nr)} of {@code w} for all {@code n} tokens with {@link BroadcastTiles}: the rows are decoded
   * once into {@code panel}, {@link BroadcastTiles#STRIDE} apart (zero rows up to a multiple of {@link
   * BroadcastTiles#ROWS}; rows wider than {@link BroadcastTiles#WIDTH} decoded through {@code row} and cut into pieces
   * of that width, piece {@code p} at {@code p * BROADCAST_BLOCK_ROWS * STRIDE}). Then the columns are walked in
   * chunks of {@link #BROADCAST_K_CHUNK}: within a chunk each group of {@link BroadcastTiles#GROUP} tokens (its
   * transposed activations, 32 KiB at 256 bits, stay in L1) runs against every 4-row tile of the block. Each output
   * is one accumulator lane, summed in column order; they are written token by token (each token's outputs of the
   * block are adjacent in {@code out}).
   */
  private static void prefillBlockBroadcast(WeightMatrix w, int r0, int nr, float[] xt, int n, float[] out,
      float[] panel, float[] row, float[] acc) {
    int cols = w.cols(), rows = w.rows(), stride = BroadcastTiles.STRIDE, width = BroadcastTiles.WIDTH;
    int kc = BROADCAST_K_CHUNK;
    int tiles = (nr + BroadcastTiles.ROWS - 1) / BroadcastTiles.ROWS;
    int pieceFloats = BROADCAST_BLOCK_ROWS * stride;
    int group = BroadcastTiles.GROUP, lanes = group / 2;
    int groups = (n + group - 1) / group;
    for (int i = 0; i < tiles * BroadcastTiles.ROWS; i++) {
      if (i >= nr) {
        for (int p = 0, k0 = 0; k0 < cols; p++, k0 += width) {
          int at = p * pieceFloats + i * stride;
          Arrays.fill(panel, at, at + Math.min(width, cols - k0), 0f);
        }
      } else if (cols <= width) {
        w.decodeRow(r0 + i, panel, i * stride);
      } else {
        w.decodeRow(r0 + i, row, 0);
        for (int p = 0, k0 = 0; k0 < cols; p++, k0 += width) {
          System.arraycopy(row, k0, panel, p * pieceFloats + i * stride, Math.min(width, cols - k0));
        }
      }
    }
    Arrays.fill(acc, 0, tiles * groups * BroadcastTiles.TILE_ACC, 0f);
    for (int k0 = 0; k0 < cols; k0 += kc) {
      // a chunk never straddles two pieces: the width is a multiple of the chunk
      int len = Math.min(kc, cols - k0), at = k0 / width * pieceFloats + k0 % width;
      for (int g = 0; g < groups; g++) {
        int xo = g * group * cols + group * k0;
        boolean half = n - g * group <= lanes;
        for (int i = 0; i < tiles; i++) {
          int ao = (g * tiles + i) * BroadcastTiles.TILE_ACC, wo = at + i * BroadcastTiles.ROWS * stride;
          if (half) {
            BroadcastTiles.tile4x1(panel, wo, xt, xo, len, acc, ao);
          } else {
            BroadcastTiles.tile4x2(panel, wo, xt, xo, len, acc, ao);
          }
        }
      }
    }
    for (int t = 0; t < n; t++) {
      int g = t / group, j = t % group, o = t * rows + r0;
      for (int i = 0; i < nr; i++) {
        out[o + i] = acc[(g * tiles + i / BroadcastTiles.ROWS) * BroadcastTiles.TILE_ACC + 2 * (i % BroadcastTiles.ROWS)
            * lanes + j];
      }
    }
  }

  /** Rows per step of the decode batch: their bytes stay in L1/L2 while every token of the batch uses them. */
  static final int EACH_ROWS = 16;

  /**
   * A decode batch: {@code n} independent token vectors (one per sequence), each multiplied exactly as the one-token
   * path multiplies it ({@code matmul(ws, x_t, 1, ...)}: the same quantized activations, the same per-row dot), so
   * every output is bit-identical to running the tokens one by one. The gain is in memory traffic: workers take row
   * chunks as the one-token path does and run each group of {@link #EACH_ROWS} rows against all {@code n} tokens while
   * those rows are in cache, so the weights stream from memory once per step instead of once per token.
   * Layout as {@link #matmul}: {@code x[t*cols ..]}, {@code outs[m][t*rows ..]}.
   */
  public void matmulEach(WeightMatrix[] ws, float[] x, int n, float[][] outs, boolean exact) {
    if (n == 1) {
      matmul(ws, x, 1, outs, exact);
      return;
    }
    int cols = ws[0].cols();
    int totalRows = 0;
    for (WeightMatrix w : ws) {
      if (w.cols() != cols) {
        throw new IllegalArgumentException("matrices " + ws[0].name() + " and " + w.name() + " differ in width");
      }
      totalRows += w.rows();
    }
    Each e = each(n, ws);
    for (int t = 0; t < n; t++) {
      if (e.xs[t].length < cols) {
        e.xs[t] = new float[cols];
      }
      System.arraycopy(x, t * cols, e.xs[t], 0, cols);
      for (int m = 0; m < ws.length; m++) {
        if (e.outs[t][m].length < ws[m].rows()) {
          e.outs[t][m] = new float[ws[m].rows()];
        }
      }
      if (!exact) {
        boolean did80 = false, did8k = false;
        for (WeightMatrix w : ws) {
          ActivationFormat f = w.activationFormat();
          if (f == ActivationFormat.Q8_0 && !did80) {
            e.q80[t].quantize(f, e.xs[t], 0, cols);
            did80 = true;
          } else if (f == ActivationFormat.Q8_K && !did8k) {
            e.q8k[t].quantize(f, e.xs[t], 0, cols);
            did8k = true;
          }
        }
      }
    }
    int total = totalRows;
    int chunk = Math.max(MIN_CHUNK_ROWS, total / (pool.size() * CHUNKS_PER_WORKER));
    nextRow.set(0);
    pool.run((wk, nw) -> {
      float[] scratch = panels[wk];
      for (int from = nextRow.get(); from < total; from = nextRow.get()) {
        int size = Math.max(MIN_CHUNK_ROWS, Math.min(chunk, (total - from) / (4 * nw)));
        if (nextRow.compareAndSet(from, from + size)) {
          int to = Math.min(from + size, total);
          for (int r = from; r < to; r += EACH_ROWS) {
            int hi = Math.min(r + EACH_ROWS, to);
            for (int t = 0; t < n; t++) {
              eachRows(ws, e, t, exact, r, hi, scratch);
            }
          }
        }
      }
    });
    for (int t = 0; t < n; t++) {
      for (int m = 0; m < ws.length; m++) {
        System.arraycopy(e.outs[t][m], 0, outs[m], t * ws[m].rows(), ws[m].rows());
      }
    }
  }

  /** {@link #matmulEach} for one matrix. */
  public void matmulEach(WeightMatrix w, float[] x, int n, float[] out, boolean exact) {
    matmulEach(new WeightMatrix[] {w}, x, n, new float[][] {out}, exact);
  }

  /** Per-token scratch of {@link #matmulEach}: inputs, quantized inputs and outputs, grown on demand. */
  private static final class Each {
    final float[][] xs;
    final QuantizedActivations[] q80;
    final QuantizedActivations[] q8k;
    final float[][][] outs;

    Each(int n, int maxCols, int matrices) {
      xs = new float[n][maxCols];
      q80 = new QuantizedActivations[n];
      q8k = new QuantizedActivations[n];
      outs = new float[n][matrices][0];
      for (int t = 0; t < n; t++) {
        q80[t] = new QuantizedActivations(maxCols);
        q8k[t] = new QuantizedActivations(maxCols);
      }
    }
  }

  private Each each;
  private final int maxCols;

  private Each each(int n, WeightMatrix[] ws) {
    if (each == null || each.xs.length < n || each.outs[0].length < ws.length) {
      each = new Each(Math.max(n, each == null ? 0 : each.xs.length), maxCols,
          Math.max(ws.length, each == null ? 0 : each.outs[0].length));
    }
    return each;
  }

  /** Rows {@code [from, to)} of the concatenation of {@code ws} for token {@code t} of a decode batch. */
  private static void eachRows(WeightMatrix[] ws, Each e, int t, boolean exact, int from, int to, float[] scratch) {
    int base = 0;
    for (int m = 0; m < ws.length && base < to; m++) {
      WeightMatrix w = ws[m];
      int lo = Math.max(from - base, 0), hi = Math.min(to - base, w.rows());
      if (lo < hi) {
        QuantizedActivations q = exact || w.activationFormat() == ActivationFormat.F32 ? null
            : w.activationFormat() == ActivationFormat.Q8_0 ? e.q80[t] : e.q8k[t];
        w.dotRows(lo, hi, q, e.xs[t], e.outs[t][m], scratch);
      }
      base += w.rows();
    }
  }

  /**
   * Rows {@code [r0, r0+nr)} of {@code w} for all {@code n} tokens. The rows are decoded once into {@code panel}
   * (row stride padded so that the rows do not all fall into the same L1 sets; padded with zero rows to a multiple
   * of 4). The columns are then walked in chunks of {@link #K_CHUNK}: within a chunk each 4-row group (16 KiB, stays
   * in L1) runs against every token, so only the activations stream, from L2. Partial sums stay whole vectors in
   * {@code acc} across chunks and are reduced once at the end.
   */
  private static void prefillBlock(WeightMatrix w, int r0, int nr, float[] x, int n, float[] out, float[] panel,
      float[] acc) {
    int cols = w.cols(), rows = w.rows(), ps = cols + PAD;
    int groups = (nr + 3) / 4;
    int lanes = TileKernels.lanes();
    for (int i = 0; i < nr; i++) {
      w.decodeRow(r0 + i, panel, i * ps);
    }
    Arrays.fill(panel, nr * ps, groups * 4 * ps, 0f);
    Arrays.fill(acc, 0, groups * n * 4 * lanes, 0f);
    int vecCols = cols - cols % lanes;
    for (int k0 = 0; k0 < vecCols; k0 += K_CHUNK) {
      int len = Math.min(K_CHUNK, vecCols - k0);
      for (int g = 0; g < groups; g++) {
        int wo = g * 4 * ps + k0;
        int t = 0;
        for (; t + 4 <= n; t += 4) {
          TileKernels.tile4x4(panel, wo, ps, x, t * cols + k0, cols, len, acc, (g * n + t) * 4 * lanes);
        }
        if (t + 2 <= n) {
          TileKernels.tile4x2(panel, wo, ps, x, t * cols + k0, cols, len, acc, (g * n + t) * 4 * lanes);
          t += 2;
        }
        if (t < n) {
          TileKernels.tile4x1(panel, wo, ps, x, t * cols + k0, len, acc, (g * n + t) * 4 * lanes);
        }
      }
    }
    if (vecCols < cols) {
      for (int g = 0; g < groups; g++) {
        for (int t = 0; t < n; t += 4) {
          TileKernels.tail(panel, g * 4 * ps, ps, x, t * cols, cols, Math.min(4, n - t), vecCols, cols, acc,
              (g * n + t) * 4 * lanes);
        }
      }
    }
    for (int g = 0; g < groups; g++) {
      for (int t = 0; t < n; t++) {
        for (int r = 0; r < 4 && g * 4 + r < nr; r++) {
          out[t * rows + r0 + g * 4 + r] = TileKernels.reduce(acc, ((g * n + t) * 4 + r) * lanes);
        }
      }
    }
  }

  /** Rows {@code [from, to)} of the concatenation of {@code ws}, one token. */
  private void decodeRows(WeightMatrix[] ws, float[] x, float[][] outs, boolean exact, int from, int to,
      float[] scratch) {
    int base = 0;
    for (int m = 0; m < ws.length && base < to; m++) {
      WeightMatrix w = ws[m];
      int lo = Math.max(from - base, 0), hi = Math.min(to - base, w.rows());
      QuantizedActivations q = exact || w.activationFormat() == ActivationFormat.F32 ? null
          : w.activationFormat() == ActivationFormat.Q8_0 ? q80 : q8k;
      w.dotRows(lo, hi, q, x, outs[m], scratch);
      base += w.rows();
    }
  }

}
