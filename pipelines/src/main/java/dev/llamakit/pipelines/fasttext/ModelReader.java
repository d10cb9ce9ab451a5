package dev.llamakit.pipelines.fasttext;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Little-endian reads of a fastText model file (fastText writes its structs with the host's byte order, x86: little
 * endian) that fail with the file's name and what was being read when the file ends early.
 */
final class ModelReader implements Closeable {
  private final Path file;
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private final ByteBuffer le = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
  private long position;
  private String what = "the header";

  ModelReader(Path file) throws IOException {
    this.file = file;
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  Path file() {
    return file;
  }

  /** Names the part being read, for error messages. */
  void section(String what) {
    this.what = what;
  }

  IOException error(String message) {
    return new IOException(file + ": " + message + " (at byte " + position + ", reading " + what + ")");
  }

  private void fill(int n) throws IOException {
    int got = in.readNBytes(buf, 0, n);
    position += got;
    if (got < n) {
      throw new IOException(file + ": truncated fastText model: the file ends at byte " + position + " while reading "
          + what);
    }
  }

  /** True when the file has no more bytes. */
  boolean atEnd() throws IOException {
    in.mark(1);
    int b = in.read();
    in.reset();
    return b < 0;
  }

  byte readByte() throws IOException {
    fill(1);
    return buf[0];
  }

  boolean readBool() throws IOException {
    return readByte() != 0;
  }

  int readInt() throws IOException {
    fill(4);
    return le.getInt(0);
  }

  long readLong() throws IOException {
    fill(8);
    return le.getLong(0);
  }

  double readDouble() throws IOException {
    fill(8);
    return le.getDouble(0);
  }

  /** Bytes up to (not including) a NUL, which is consumed. */
  byte[] readCString(java.io.ByteArrayOutputStream scratch) throws IOException {
    scratch.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(file + ": truncated fastText model: the file ends at byte " + position
            + " while reading " + what);
      }
      position++;
      if (b == 0) {
        return scratch.toByteArray();
      }
      scratch.write(b);
    }
  }

  void readBytes(byte[] dst, int off, int len) throws IOException {
    int got = in.readNBytes(dst, off, len);
    position += got;
    if (got < len) {
      throw new IOException(file + ": truncated fastText model: the file ends at byte " + position + " while reading "
          + what);
    }
  }

  void readFloats(float[] dst, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, buf.length / 4);
      fill(n * 4);
      le.asFloatBuffer().get(0, dst, off, n);
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
