package dev.llamakit.engine.tensor;

import dev.llamakit.engine.parallel.WorkerPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel matrix products {@code out[t][r] = W[r] . x[t]} for one or more weight matrices sharing an input.
 *
 * <p>One token (decode): the input is quantized once per matrix format (Q8_0 / Q8_K, as llama.cpp does) and every
 * row uses its type's fast quantized dot; with {@code exact} the float-activation dot is used instead. Several
 * tokens (prefill, scoring): each worker dequantizes 4 rows at a time into a scratch panel (bit-exact weights) and
 * runs 4x2 register tiles over token pairs, so every weight is decoded once per block of tokens.
 *
 * <p>Rows of all matrices in one call form one range, so Q/K/V (or gate/up) cost one barrier. For one token the
 * range is handed out in contiguous chunks from a shared counter (each worker still streams contiguous weights); for
 * several tokens it is split statically.
 */
public final class MatMul {
  private static final int MIN_CHUNK_ROWS = 16;
  private static final int CHUNKS_PER_WORKER = 16;

  private final WorkerPool pool;
  private final AtomicInteger nextRow = new AtomicInteger();
  private final float[][] panels;
  private final float[][] tiles;
  private final QuantizedActivations q80;
  private final QuantizedActivations q8k;

  /** Scratch for a pool and inputs up to {@code maxCols} wide. */
  public MatMul(WorkerPool pool, int maxCols) {
    this.pool = pool;
    int workers = pool.size();
    panels = new float[workers][4 * maxCols + 64];
    tiles = new float[workers][8];
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
      // machine a descheduled worker then delays the call by one chunk, not by its whole half.
      int chunk = Math.max(MIN_CHUNK_ROWS, total / (pool.size() * CHUNKS_PER_WORKER));
      nextRow.set(0);
      pool.run((wk, nw) -> {
        float[] scratch = panels[wk];
        if (nw == 1) {
          decodeRows(ws, x, outs, exact, 0, total, scratch);
          return;
        }
        for (int from = nextRow.getAndAdd(chunk); from < total; from = nextRow.getAndAdd(chunk)) {
          decodeRows(ws, x, outs, exact, from, Math.min(from + chunk, total), scratch);
        }
      });
      return;
    }
    int groups = (totalRows + 3) / 4;
    pool.run((wk, nw) -> {
      int gFrom = WorkerPool.from(groups, wk, nw), gTo = WorkerPool.to(groups, wk, nw);
      float[] panel = panels[wk];
      float[] tile = tiles[wk];
      int from = gFrom * 4, to = Math.min(gTo * 4, totalRowsOf(ws));
      int base = 0;
      for (int m = 0; m < ws.length; m++) {
        WeightMatrix w = ws[m];
        int lo = Math.max(from - base, 0), hi = Math.min(to - base, w.rows());
        float[] out = outs[m];
        int rows = w.rows();
        for (int r = lo; r < hi; r += 4) {
          int nr = Math.min(4, hi - r);
          for (int i = 0; i < nr; i++) {
            w.decodeRow(r + i, panel, i * cols);
          }
          if (nr == 4) {
            int t = 0;
            for (; t + 1 < n; t += 2) {
              FloatKernels.dot4x2(panel, 0, cols, x, t * cols, cols, cols, tile);
              for (int i = 0; i < 4; i++) {
                out[t * rows + r + i] = tile[i * 2];
                out[(t + 1) * rows + r + i] = tile[i * 2 + 1];
              }
            }
            for (; t < n; t++) {
              for (int i = 0; i < 4; i++) {
                out[t * rows + r + i] = FloatKernels.dot(panel, i * cols, x, t * cols, cols);
              }
            }
          } else {
            for (int t = 0; t < n; t++) {
              for (int i = 0; i < nr; i++) {
                out[t * rows + r + i] = FloatKernels.dot(panel, i * cols, x, t * cols, cols);
              }
            }
          }
        }
        base += w.rows();
      }
    });
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

  private static int totalRowsOf(WeightMatrix[] ws) {
    int s = 0;
    for (WeightMatrix w : ws) {
      s += w.rows();
    }
    return s;
  }
}
