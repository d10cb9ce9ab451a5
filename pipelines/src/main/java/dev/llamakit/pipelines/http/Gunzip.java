package dev.llamakit.pipelines.http;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates in-memory gzip (member after member) and deflate data with a cap on the output size. */
final class Gunzip {
  private Gunzip() {}

  /** Every gzip member of {@code b} inflated and joined; a cut member keeps what inflated before the cut. */
  static byte[] all(byte[] b, int max) throws DataFormatException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, b.length * 4));
    int p = 0;
    boolean first = true;
    while (p + 10 <= b.length && (b[p] & 0xFF) == 0x1F && (b[p + 1] & 0xFF) == 0x8B) {
      if (b[p + 2] != 8) {
        throw new DataFormatException("gzip compression method " + b[p + 2] + " is not deflate");
      }
      int flags = b[p + 3] & 0xFF;
      int q = p + 10;
      if ((flags & 4) != 0) { // FEXTRA
        if (q + 2 > b.length) {
          throw new DataFormatException("gzip header cut");
        }
        q += 2 + ((b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8);
      }
      for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
        if ((flags & bit) != 0) {
          while (q < b.length && b[q] != 0) {
            q++;
          }
          q++;
        }
      }
      if ((flags & 2) != 0) { // FHCRC
        q += 2;
      }
      if (q > b.length) {
        throw new DataFormatException("gzip header cut");
      }
      Inflater inf = new Inflater(true);
      try {
        byte[] part = inflate(inf, b, q, b.length - q, max - out.size());
        out.write(part, 0, part.length);
        if (!inf.finished()) {
          return out.toByteArray();
        }
        p = b.length - inf.getRemaining() + 8; // the CRC32 and ISIZE trailer
      } finally {
        inf.end();
      }
      first = false;
    }
    if (first) {
      throw new DataFormatException("not gzip data (no gzip magic bytes)");
    }
    return out.toByteArray();
  }

  /** Inflates {@code b[off, off+len)} with {@code inf}; stops at the end of the deflate stream. */
  static byte[] inflate(Inflater inf, byte[] b, int off, int len, int max) throws DataFormatException {
    inf.setInput(b, off, len);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len * 4));
    byte[] buf = new byte[1 << 15];
    while (!inf.finished()) {
      int n = inf.inflate(buf);
      if (n == 0) {
        if (inf.needsInput() || inf.needsDictionary()) {
          break; // a cut stream: keep what inflated
        }
      }
      out.write(buf, 0, n);
      if (out.size() > max) {
        throw new DataFormatException("the payload inflates to more than " + max + " bytes");
      }
    }
    return out.toByteArray();
  }
}
