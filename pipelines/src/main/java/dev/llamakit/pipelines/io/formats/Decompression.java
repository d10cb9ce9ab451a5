package dev.llamakit.pipelines.io.formats;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How the text formats (text, LaTeX, Wikipedia) open an input: gzip or bzip2 recognised by their magic bytes (bzip2
 * multistream, as Wikipedia's {@code -multistream} dumps are), and every decompressed byte counted against a limit,
 * so a compression bomb stops with an {@link ExpansionLimit} naming the limit instead of filling the disk or heap.
 */
final class Decompression {
  private Decompression() {}

  /** The decompressed stream grew past its limit. */
  static final class ExpansionLimit extends IOException {
    ExpansionLimit(String what, long limit) {
      super(what + " expands past " + limit + " bytes (a compression bomb, or raise the format's limit)");
    }

    ExpansionLimit(String what, long limit, String how) {
      super(what + " expands past " + limit + " bytes, " + how + " (a compression bomb, or raise the format's limit)");
    }
  }

  /** {@code raw} decompressed when it starts with a gzip or bzip2 magic, plain otherwise; reads past {@code limit} fail. */
  static InputStream open(InputStream raw, long limit, String what) throws IOException {
    return open(raw, limit, 0, what);
  }

  /**
   * As {@link #open(InputStream, long, String)}, and when {@code maxRatio > 0} a compressed input whose output
   * exceeds {@code maxRatio} times the compressed bytes read so far (checked past the first 16 MiB of output) fails
   * too: a bomb is refused long before an absolute limit sized for real dumps.
   */
  static InputStream open(InputStream raw, long limit, double maxRatio, String what) throws IOException {
    long[] compressed = new long[1];
    InputStream counted = new FilterInputStream(raw) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          compressed[0]++;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          compressed[0] += n;
        }
        return n;
      }
    };
    BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    InputStream out;
    if (b0 == 0x1f && b1 == 0x8b) {
      out = new GZIPInputStream(in, 1 << 16); // concatenated members are read on
    } else if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
      out = new BZip2CompressorInputStream(in, true);
    } else {
      return bounded(in, limit, what);
    }
    return maxRatio > 0 ? ratioBounded(bounded(out, limit, what), compressed, maxRatio, what) : bounded(out, limit, what);
  }

  private static InputStream ratioBounded(InputStream in, long[] compressed, double maxRatio, String what) {
    return new FilterInputStream(in) {
      private long count;

      private void check(long n) throws IOException {
        count += n;
        if (count > (16L << 20) && count > maxRatio * Math.max(1, compressed[0])) {
          throw new ExpansionLimit(what + " (" + compressed[0] + " compressed bytes)", (long) (maxRatio
              * compressed[0]), "more than " + maxRatio + " times its compressed size");
        }
      }

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          check(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          check(n);
        }
        return n;
      }
    };
  }

  /** {@code in}, failing with {@link ExpansionLimit} once more than {@code limit} bytes have been read from it. */
  static InputStream bounded(InputStream in, long limit, String what) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && ++count > limit) {
          throw new ExpansionLimit(what, limit);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0 && (count += n) > limit) {
          throw new ExpansionLimit(what, limit);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        if (n <= 0) {
          return 0;
        }
        int k = read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)); // skipped bytes count too
        return Math.max(k, 0);
      }
    };
  }

  /** Universal newlines ({@code \r\n} and {@code \r} become {@code \n}) and no byte-order mark. */
  static String normalizeNewlines(String s) {
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
