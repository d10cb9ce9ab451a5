package dev.llamakit.pipelines.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPOutputStream;

/**
 * What {@link WetWriter} and {@link WarcWriter} share: one record (its header lines, {@code Content-Length}, the blank
 * line, the block and the closing CRLF CRLF) written as its own gzip member when compressing, as Common Crawl writes
 * them, and the base32 SHA-1 of WARC digest fields.
 */
final class WarcRecords {
  private WarcRecords() {}

  /** Writes one record; {@code headers} are CRLF-ended header lines without {@code Content-Length}. */
  static void write(OutputStream out, boolean gzip, String headers, byte[] block) throws IOException {
    ByteArrayOutputStream rec = new ByteArrayOutputStream(block.length + headers.length() + 64);
    rec.write((headers + "Content-Length: " + block.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    rec.write(block);
    rec.write("\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    if (gzip) {
      GZIPOutputStream z = new GZIPOutputStream(out) {
        @Override
        public void close() throws IOException {
          finish(); // end the member, keep the underlying stream open
        }
      };
      z.write(rec.toByteArray());
      z.close();
    } else {
      rec.writeTo(out);
    }
  }

  /** {@code sha1:}-less base32 SHA-1 of {@code bytes}, as WARC block and payload digests are written. */
  static String base32Sha1(byte[] bytes) {
    try {
      return WetWriter.Base32.encode(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
