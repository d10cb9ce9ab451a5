package dev.llamakit.pipelines.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes WET files the way Common Crawl does: a {@code warcinfo} record, then one {@code conversion} record per page
 * (WARC/1.0 headers, {@code text/plain} body), each record its own gzip member when compressing. Used by the sample
 * and benchmark corpus generators and by tests.
 */
public final class WetWriter implements AutoCloseable {
  private final OutputStream out;
  private final boolean gzip;
  private long counter;

  public WetWriter(OutputStream out, boolean gzip) throws IOException {
    this.out = out;
    this.gzip = gzip;
    writeRecord("WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2019-03-27T06:10:48Z\r\nWARC-Filename: generated.warc.wet\r\n"
        + "WARC-Record-ID: <urn:uuid:" + uuid() + ">\r\nContent-Type: application/warc-fields\r\n",
        "isPartOf: llamakit-generated\r\npublisher: llamakit\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one page. */
  public void conversion(String url, String date, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    writeRecord("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: " + url + "\r\nWARC-Date: " + date + "\r\n"
        + "WARC-Record-ID: <urn:uuid:" + uuid() + ">\r\nWARC-Refers-To: <urn:uuid:" + uuid() + ">\r\n"
        + "WARC-Block-Digest: sha1:" + base32Sha1(body) + "\r\nContent-Type: text/plain\r\n", body);
  }

  private void writeRecord(String headers, byte[] body) throws IOException {
    WarcRecords.write(out, gzip, headers, body);
  }

  /** Deterministic record ids (a counter), so generated files are byte-for-byte reproducible. */
  private String uuid() {
    return new UUID(0x11a3a4b17L, counter++).toString();
  }

  private static String base32Sha1(byte[] body) {
    return WarcRecords.base32Sha1(body);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** RFC 4648 base32, as WARC block digests are written. */
  static final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    static String encode(byte[] data) {
      StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
      int buffer = 0;
      int bits = 0;
      for (byte b : data) {
        buffer = (buffer << 8) | (b & 0xFF);
        bits += 8;
        while (bits >= 5) {
          sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
      }
      if (bits > 0) {
        sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
      }
      return sb.toString();
    }
  }
}
