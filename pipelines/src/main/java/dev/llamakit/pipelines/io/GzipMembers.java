package dev.llamakit.pipelines.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A multi-member gzip stream (Common Crawl writes one member per WARC record) that reports damage instead of hiding
 * it, and can go on at the next member. {@link java.util.zip.GZIPInputStream} treats a damaged header of a later
 * member as the end of the stream — every record after it would vanish without a trace — and reports a bad CRC only
 * after it has handed out the damaged bytes, and cannot continue after it. Here a member (up to
 * {@link #MEMBER_BUFFER} bytes) is inflated and checked before any of its bytes is read, every defect is a
 * {@link StreamDamage} naming the member and its byte offset, and {@link #skipToNextMember()} resumes at the next gzip
 * header, so one damaged member costs one record.
 */
final class GzipMembers extends InputStream {
  private static final int FTEXT_HCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int RESERVED = 0xE0;

  private final InputStream raw;
  private byte[] in = new byte[1 << 16];
  private int inPos;
  private int inLimit;
  private long inOffset; // compressed offset of in[0]
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private long memberBytes;
  private long member = -1;
  private long memberStart;
  private boolean inData;
  private boolean ended;
  /** Members up to this size are inflated whole and checked before they are read. */
  static final int MEMBER_BUFFER = 1 << 22; // 4 MiB: Common Crawl truncates records at 1 MiB
  private byte[] out = new byte[1 << 16];
  private int outPos;
  private int outLimit;
  /** The current member is larger than the buffer and some of it has been read. */
  private boolean streaming;

  GzipMembers(InputStream raw) {
    this.raw = raw;
  }

  /** True when the stream starts with the gzip magic bytes (the caller has peeked them). */
  static boolean isGzipMagic(int b0, int b1) {
    return b0 == 0x1f && b1 == 0x8b;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (outPos < outLimit) {
        int k = Math.min(len, outLimit - outPos);
        System.arraycopy(out, outPos, b, off, k);
        outPos += k;
        return k;
      }
      if (ended) {
        return -1;
      }
      if (!inData) {
        if (!readHeader()) {
          ended = true;
          return -1;
        }
        inData = true;
        bufferMember();
        continue;
      }
      // a member larger than the buffer: streamed, its CRC checked at its end
      int n = inflateSome(b, off, len);
      if (n > 0) {
        return n;
      }
      readTrailer();
      inData = false;
    }
  }

  /**
   * Inflates the member just opened into {@link #out}; when it fits ({@link #MEMBER_BUFFER}), its trailer is checked
   * before any of its bytes is served, so a damaged member (Common Crawl: one record) is rejected whole.
   */
  private void bufferMember() throws IOException {
    outPos = 0;
    outLimit = 0;
    while (outLimit < MEMBER_BUFFER) {
      if (outLimit == out.length) {
        out = java.util.Arrays.copyOf(out, Math.min(out.length * 2, MEMBER_BUFFER));
      }
      int n = inflateSome(out, outLimit, out.length - outLimit);
      if (n == 0) {
        readTrailer();
        inData = false;
        return;
      }
      outLimit += n;
    }
    streaming = true;
  }

  /** Inflates up to {@code len} bytes of the current member; 0 when the member's data has ended. */
  private int inflateSome(byte[] b, int off, int len) throws IOException {
    while (true) {
      if (inflater.finished()) {
        inPos = inLimit - inflater.getRemaining();
        return 0;
      }
      if (inflater.needsInput()) {
        if (!fill()) {
          throw damage(true, "the file ends inside the compressed data");
        }
        inflater.setInput(in, inPos, inLimit - inPos);
        inPos = inLimit;
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        inPos = inLimit - inflater.getRemaining();
        throw damage(false, "corrupt compressed data (" + e.getMessage() + ")");
      }
      if (n > 0) {
        crc.update(b, off, n);
        memberBytes += n;
        return n;
      }
      if (inflater.needsDictionary()) {
        inPos = inLimit - inflater.getRemaining();
        throw damage(false, "corrupt compressed data (asks for a preset dictionary)");
      }
    }
  }

  /** Reads the next member's header; false at a clean end of the file (no byte after the last member). */
  private boolean readHeader() throws IOException {
    if (inPos == inLimit && !fill()) {
      return false;
    }
    member++;
    memberStart = inOffset + inPos;
    int id1 = next();
    int id2 = next();
    if (!isGzipMagic(id1, id2)) {
      throw damage(false, "not a gzip member (bytes 0x" + Integer.toHexString(id1) + " 0x"
          + Integer.toHexString(id2) + " where a gzip header should start)");
    }
    if (next() != 8) {
      throw damage(false, "unknown compression method in the gzip header");
    }
    int flags = next();
    if ((flags & RESERVED) != 0) {
      throw damage(false, "reserved gzip header flags set (0x" + Integer.toHexString(flags) + ")");
    }
    skip(6); // mtime, extra flags, OS
    if ((flags & FEXTRA) != 0) {
      int xlen = next() | (next() << 8);
      skip(xlen);
    }
    if ((flags & FNAME) != 0) {
      while (next() != 0) { }
    }
    if ((flags & FCOMMENT) != 0) {
      while (next() != 0) { }
    }
    if ((flags & FTEXT_HCRC) != 0) {
      skip(2);
    }
    inflater.reset();
    crc.reset();
    memberBytes = 0;
    streaming = false;
    return true;
  }

  private void readTrailer() throws IOException {
    long storedCrc = uint32();
    long storedSize = uint32();
    if (storedCrc != crc.getValue()) {
      throw damage(false, "CRC mismatch (the member's data is damaged)");
    }
    if (storedSize != (memberBytes & 0xFFFFFFFFL)) {
      throw damage(false, "size mismatch in the gzip trailer");
    }
  }

  private long uint32() throws IOException {
    return (next() | (next() << 8) | (next() << 16) | ((long) next() << 24)) & 0xFFFFFFFFL;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      next();
    }
  }

  /** One compressed byte; the end of the file here (inside a header or trailer) is a truncation. */
  private int next() throws IOException {
    if (inPos == inLimit && !fill()) {
      throw damage(true, "the file ends inside a gzip header or trailer");
    }
    return in[inPos++] & 0xFF;
  }

  private boolean fill() throws IOException {
    if (inPos < inLimit) {
      return true;
    }
    inOffset += inLimit;
    inPos = 0;
    inLimit = 0;
    int n = raw.read(in, 0, in.length);
    if (n <= 0) {
      return false;
    }
    inLimit = n;
    return true;
  }

  private StreamDamage damage(boolean truncated, String what) {
    return new StreamDamage(truncated, true, !streaming, "gzip member " + member + " (at byte " + memberStart + "): " + what);
  }

  /**
   * After a {@link StreamDamage}: skips to the next gzip header (the bytes 1f 8b 08) after the damage and reads on
   * from there. Returns false when no further member exists.
   */
  boolean skipToNextMember() throws IOException {
    inData = false;
    outPos = 0;
    outLimit = 0;
    inflater.reset();
    int matched = 0;
    while (true) {
      if (inPos == inLimit && !fill()) {
        ended = true;
        return false;
      }
      int b = in[inPos++] & 0xFF;
      matched = switch (matched) {
        case 0 -> b == 0x1f ? 1 : 0;
        case 1 -> b == 0x8b ? 2 : (b == 0x1f ? 1 : 0);
        default -> b == 8 ? 3 : (b == 0x1f ? 1 : 0);
      };
      if (matched == 3) {
        unreadMagic();
        ended = false;
        return true;
      }
    }
  }

  /** Puts the three magic bytes just matched back in front of the buffer, so {@link #readHeader()} sees them. */
  private void unreadMagic() {
    if (inPos >= 3) {
      inPos -= 3;
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(in, inPos, inLimit);
    in = new byte[Math.max(in.length, rest.length + 3)];
    in[0] = 0x1f;
    in[1] = (byte) 0x8b;
    in[2] = 8;
    System.arraycopy(rest, 0, in, 3, rest.length);
    inOffset = inOffset + inPos - 3;
    inPos = 0;
    inLimit = 3 + rest.length;
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    raw.close();
  }
}
