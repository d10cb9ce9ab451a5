package dev.llamakit.pipelines.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The byte source of the corpus readers: gunzips when the stream starts with the gzip magic (member by member, see
 * {@link GzipMembers}), reads lines as bytes (decoding is per record, so one bad byte costs one record), and can
 * record the bytes of the record being read and push them back — how the WET reader resynchronises at the next
 * {@code WARC/1.0} line after a record whose framing is broken. Damaged compressed data surfaces as a
 * {@link StreamDamage}; {@link #resume()} goes on at the next gzip member.
 */
final class RecordInput implements Closeable {
  private final InputStream in;
  private final GzipMembers gzip;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] rec = new byte[1 << 12];
  private int recLen;
  private boolean recording;
  private boolean overflowed;

  private RecordInput(InputStream in, GzipMembers gzip) {
    this.in = in;
    this.gzip = gzip;
  }

  /** Reads {@code raw}, gunzipping it when it starts with the gzip magic bytes. */
  static RecordInput open(InputStream raw) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(raw, 2);
    int b0 = peek.read();
    int b1 = b0 < 0 ? -1 : peek.read();
    if (b1 >= 0) {
      peek.unread(b1);
    }
    if (b0 >= 0) {
      peek.unread(b0);
    }
    if (GzipMembers.isGzipMagic(b0, b1)) {
      GzipMembers gz = new GzipMembers(peek);
      return new RecordInput(gz, gz);
    }
    return new RecordInput(peek, null);
  }

  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (StreamDamage e) {
      throw e;
    } catch (ZipException | EOFException e) {
      // a stream gunzipped by the caller (java.util.zip): no way to go on after it
      throw new StreamDamage(e instanceof EOFException, false, false, "damaged or cut gzip data (" + e.getMessage() + ")");
    }
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** One byte, or -1 at the end. */
  int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    byte b = buf[pos++];
    if (recording) {
      append(b);
    }
    return b & 0xFF;
  }

  /**
   * The next line with its {@code '\n'} (absent on a last line without one), or null at the end. A line longer than
   * {@code max} bytes comes back cut to {@code max} bytes (plus its {@code '\n'}) with {@link #overflowed()} true; the
   * rest of it is skipped.
   */
  byte[] readLine(int max) throws IOException {
    overflowed = false;
    byte[] line = null;
    int len = 0;
    while (fill()) {
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      boolean eol = pos < limit;
      if (eol) {
        pos++;
      }
      int n = pos - start;
      int keep = Math.min(n, max - len);
      if (keep < n) {
        overflowed = true;
      }
      if (keep > 0) {
        if (line == null) {
          line = new byte[Math.min(Math.max(keep, 128), max + 1)];
        } else if (len + keep > line.length) {
          line = Arrays.copyOf(line, (int) Math.min((long) max + 1, Math.max(len + keep, 2L * line.length)));
        }
        System.arraycopy(buf, start, line, len, keep);
        if (recording) {
          append(buf, start, keep);
        }
        len += keep;
      }
      if (eol) {
        if (overflowed) {
          if (line == null) {
            line = new byte[1];
          } else if (len == line.length) {
            line = Arrays.copyOf(line, len + 1);
          }
          line[len++] = '\n';
          if (recording) {
            append((byte) '\n');
          }
        }
        return Arrays.copyOf(line == null ? new byte[0] : line, len);
      }
      if (line == null) {
        line = new byte[0];
      }
    }
    return line == null ? null : Arrays.copyOf(line, len);
  }

  /** Whether the line last read was longer than the limit it was read with. */
  boolean overflowed() {
    return overflowed;
  }

  /** Starts recording every byte read (the record being read), dropping an earlier recording. */
  void startRecording() {
    recording = true;
    recLen = 0;
  }

  /** Reads up to {@code n} bytes into the recording; returns how many there were (fewer at the end). */
  int recordBytes(int n) throws IOException {
    int done = 0;
    while (done < n && fill()) {
      int k = Math.min(n - done, limit - pos);
      append(buf, pos, k);
      pos += k;
      done += k;
    }
    return done;
  }

  /** The recorded bytes (valid up to {@link #recordedLength()}). */
  byte[] recorded() {
    return rec;
  }

  int recordedLength() {
    return recLen;
  }

  /** Stops recording and forgets the recording. */
  void stopRecording() {
    recording = false;
    recLen = 0;
    if (rec.length > 1 << 20) {
      rec = new byte[1 << 12];
    }
  }

  /** Puts the recorded bytes back in front of the input, to be read again; stops recording. */
  void rewind() {
    byte[] merged = new byte[recLen + (limit - pos)];
    System.arraycopy(rec, 0, merged, 0, recLen);
    System.arraycopy(buf, pos, merged, recLen, limit - pos);
    buf = merged.length >= 1 << 16 ? merged : Arrays.copyOf(merged, 1 << 16);
    pos = 0;
    limit = merged.length;
    stopRecording();
  }

  /**
   * After a {@link StreamDamage}: forgets what is buffered and goes on at the next gzip member; false when the stream
   * cannot go on (not gzip, a cut file, or no member left).
   */
  boolean resume(StreamDamage damage) throws IOException {
    pos = 0;
    limit = 0;
    stopRecording();
    if (gzip == null || !damage.resumable() || damage.truncated()) {
      return false;
    }
    return gzip.skipToNextMember();
  }

  private void append(byte b) {
    if (recLen == rec.length) {
      rec = Arrays.copyOf(rec, rec.length * 2);
    }
    rec[recLen++] = b;
  }

  private void append(byte[] b, int off, int len) {
    if (recLen + len > rec.length) {
      rec = Arrays.copyOf(rec, Math.max(recLen + len, rec.length * 2));
    }
    System.arraycopy(b, off, rec, recLen, len);
    recLen += len;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
