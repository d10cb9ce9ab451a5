package dev.llamakit.pipelines.fasttext;

import java.io.IOException;

/**
 * A fastText matrix as prediction reads it, rows of {@code n} floats in one array: a dense matrix as stored, or a
 * product-quantized one decoded at load.
 *
 * <p>Decoding keeps fastText's float results: an input row is added as {@code x[j] += norm * centroid[j]}, so the
 * decoded row holds the products {@code norm * centroid[j]} (float) and adding it gives the same sums; an output row is
 * used as {@code (sum_j x[j] * centroid[j]) * norm}, so the decoded row holds the centroids and {@link #scale} the
 * norms, applied after the dot product as fastText applies them.
 */
final class Matrix {
  final int m;
  final int n;
  final float[] data;
  /** Per-row factor applied after a dot product (quantized output with norms), or null. */
  final float[] scale;

  private Matrix(int m, int n, float[] data, float[] scale) {
    this.m = m;
    this.n = n;
    this.data = data;
    this.scale = scale;
  }

  private static int checkedSize(ModelReader r, long m, long n) throws IOException {
    if (m < 0 || n <= 0 || n > 1 << 16 || m * n > Integer.MAX_VALUE - 16) {
      throw r.error("matrix of " + m + " x " + n + " is not supported (negative, empty or over 2^31 values)");
    }
    return (int) (m * n);
  }

  /** fastText's {@code Matrix::load}: m, n as int64, then m*n floats. */
  static Matrix readDense(ModelReader r) throws IOException {
    long m = r.readLong();
    long n = r.readLong();
    float[] data = new float[checkedSize(r, m, n)];
    r.readFloats(data, 0, data.length);
    return new Matrix((int) m, (int) n, data, null);
  }

  /**
   * fastText's {@code QMatrix::load}: qnorm (bool), m, n (int64), codesize (int32), the codes, the product
   * quantizer, and with qnorm the norm codes and the norm quantizer.
   */
  static Matrix readQuantized(ModelReader r, boolean asInput) throws IOException {
    boolean qnorm = r.readBool();
    long m = r.readLong();
    long n = r.readLong();
    int size = checkedSize(r, m, n);
    int codesize = r.readInt();
    if (codesize < 0) {
      throw r.error("negative code size " + codesize);
    }
    byte[] codes = new byte[codesize];
    r.readBytes(codes, 0, codesize);
    Pq pq = Pq.read(r);
    float[] norms = null;
    if (qnorm) {
      byte[] normCodes = new byte[(int) m];
      r.readBytes(normCodes, 0, normCodes.length);
      Pq npq = Pq.read(r);
      if (npq.dim != 1 || npq.nsubq != 1) {
        throw r.error("norm quantizer of dimension " + npq.dim + " (expected 1)");
      }
      norms = new float[(int) m];
      for (int i = 0; i < norms.length; i++) {
        norms[i] = npq.centroids[npq.offset(0, normCodes[i] & 0xFF)];
      }
    }
    if (pq.dim != n) {
      throw r.error("product quantizer of dimension " + pq.dim + " for rows of " + n);
    }
    if ((long) pq.nsubq * m > codesize) {
      throw r.error("code size " + codesize + " below " + m + " rows x " + pq.nsubq + " subquantizers");
    }
    int rows = (int) m;
    int dim = (int) n;
    float[] data = new float[size];
    for (int t = 0; t < rows; t++) {
      int code = pq.nsubq * t;
      float alpha = norms == null ? 1f : norms[t];
      int d = pq.dsub;
      for (int s = 0; s < pq.nsubq; s++) {
        int c = pq.offset(s, codes[code + s] & 0xFF);
        if (s == pq.nsubq - 1) {
          d = pq.lastdsub;
        }
        int o = t * dim + s * pq.dsub;
        for (int j = 0; j < d; j++) {
          // input (addcode): x += alpha * c, kept as the product; output (mulcode): the centroid, alpha applied later
          data[o + j] = asInput ? alpha * pq.centroids[c + j] : pq.centroids[c + j];
        }
      }
    }
    return new Matrix(rows, dim, data, asInput ? null : norms);
  }

  /** fastText's {@code ProductQuantizer}: 256 centroids per subquantizer, the last one possibly narrower. */
  private record Pq(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
    static final int KSUB = 256;

    static Pq read(ModelReader r) throws IOException {
      int dim = r.readInt();
      int nsubq = r.readInt();
      int dsub = r.readInt();
      int lastdsub = r.readInt();
      if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || lastdsub > dsub || dim > 1 << 16
          || (long) (nsubq - 1) * dsub + lastdsub != dim) {
        throw r.error("invalid product quantizer (dim " + dim + ", nsubq " + nsubq + ", dsub " + dsub + ", lastdsub "
            + lastdsub + ")");
      }
      float[] c = new float[dim * KSUB];
      r.readFloats(c, 0, c.length);
      return new Pq(dim, nsubq, dsub, lastdsub, c);
    }

    /** {@code get_centroids(m, i)}. */
    int offset(int m, int i) {
      return m == nsubq - 1 ? m * KSUB * dsub + i * lastdsub : (m * KSUB + i) * dsub;
    }
  }

  /** {@code Vector::addRow}: {@code x[j] += row[j]}, in j order (each element its own sum, so any width is exact). */
  void addRowTo(float[] x, int row) {
    int o = row * n;
    for (int j = 0; j < n; j++) {
      x[j] += data[o + j];
    }
  }

  /** {@code dotRow}: one float accumulator in j order, then the row's norm when quantized; NaN is an error. */
  float dotRow(float[] x, int row) {
    int o = row * n;
    float d = 0f;
    for (int j = 0; j < n; j++) {
      d += data[o + j] * x[j];
    }
    if (scale != null) {
      d = d * scale[row];
    }
    if (Float.isNaN(d)) {
      throw new IllegalStateException("fastText: encountered NaN");
    }
    return d;
  }
}
