package dev.llamakit.pipelines.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One HTTP response as a WARC {@code response} record's block holds it: status line, headers (names
 * case-insensitive; a repeated header keeps its first value), and the raw payload bytes.
 *
 * @param status the status code (200, 404, ...)
 * @param headers the header fields
 * @param block the record block the payload lives in
 * @param bodyOffset where the payload starts in {@code block}
 * @param bodyLength the payload's length as recorded (still transfer- and content-coded)
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] block, int bodyOffset, int bodyLength) {
  /** The largest payload inflated (64 MiB): a gzip bomb is a coding error, not an out-of-memory. */
  public static final int MAX_DECODED = 1 << 26;

  /** Parses the head of an HTTP response held in {@code block[off, off+len)}. */
  public static HttpResponse parse(byte[] block, int off, int len) throws HttpFormatException {
    int end = off + len;
    int p = off;
    int lineEnd = lineEnd(block, p, end);
    String statusLine = ascii(block, p, lineEnd);
    if (!statusLine.startsWith("HTTP/")) {
      throw new HttpFormatException("the block does not start with an HTTP status line: " + cut(statusLine), false);
    }
    int sp = statusLine.indexOf(' ');
    int status = -1;
    if (sp > 0 && statusLine.length() >= sp + 4) {
      status = 0;
      for (int i = sp + 1; i < sp + 4; i++) {
        char c = statusLine.charAt(i);
        if (c < '0' || c > '9') {
          status = -1;
          break;
        }
        status = status * 10 + (c - '0');
      }
    }
    if (status < 0) {
      throw new HttpFormatException("no status code in the status line: " + cut(statusLine), false);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    p = next(block, lineEnd, end);
    String last = null;
    while (true) {
      if (p >= end) {
        // a response cut after its head: no payload
        return new HttpResponse(status, headers, block, end, 0);
      }
      lineEnd = lineEnd(block, p, end);
      if (lineEnd == p) {
        p = next(block, lineEnd, end);
        break;
      }
      String line = new String(block, p, lineEnd - p, StandardCharsets.ISO_8859_1);
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        headers.put(last, headers.get(last) + " " + line.strip());
      } else {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new HttpFormatException("HTTP header line is not 'Name: value': " + cut(line), false);
        }
        String name = line.substring(0, colon).strip();
        last = headers.putIfAbsent(name, line.substring(colon + 1).strip()) == null ? name : null;
      }
      p = next(block, lineEnd, end);
    }
    return new HttpResponse(status, headers, block, p, end - p);
  }

  /** The media type of Content-Type, lower case without parameters ("text/html"), or "" when absent. */
  public String mediaType() {
    String ct = headers.get("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** The {@code charset} parameter of Content-Type (unquoted), or null. */
  public String charsetParam() {
    String ct = headers.get("Content-Type");
    return ct == null ? null : HttpCharsetParam.of(ct);
  }

  /** The payload with chunked transfer coding and gzip/deflate content coding undone. */
  public byte[] decodedBody() throws HttpFormatException {
    byte[] body = java.util.Arrays.copyOfRange(block, bodyOffset, bodyOffset + bodyLength);
    String te = headers.get("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = dechunk(body);
    }
    String ce = headers.get("Content-Encoding");
    if (ce != null) {
      String c = ce.strip().toLowerCase(Locale.ROOT);
      switch (c) {
        case "", "identity", "none" -> { }
        case "gzip", "x-gzip" -> body = inflate(body, true);
        case "deflate" -> body = inflate(body, false);
        default -> throw new HttpFormatException("unsupported Content-Encoding '" + cut(ce) + "'", true);
      }
    }
    return body;
  }

  /** Joins the chunks of a chunked payload (chunk extensions and trailers ignored). */
  static byte[] dechunk(byte[] b) throws HttpFormatException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    int p = 0;
    while (true) {
      int le = lineEnd(b, p, b.length);
      if (le >= b.length && p >= b.length) {
        throw new HttpFormatException("chunked payload ends without its last (zero) chunk", true);
      }
      long size = 0;
      int digits = 0;
      for (int i = p; i < le; i++) {
        int d = Character.digit(b[i], 16);
        if (d < 0) {
          break;
        }
        size = size * 16 + d;
        digits++;
        if (digits > 8) {
          throw new HttpFormatException("chunk size too large at byte " + p, true);
        }
      }
      if (digits == 0) {
        throw new HttpFormatException("bad chunk size line at byte " + p + ": "
            + cut(ascii(b, p, le)), true);
      }
      p = next(b, le, b.length);
      if (size == 0) {
        return out.toByteArray();
      }
      if (p + size > b.length) {
        throw new HttpFormatException("chunk of " + size + " bytes runs past the payload's end", true);
      }
      out.write(b, p, (int) size);
      p = next(b, lineEnd(b, p + (int) size, b.length), b.length);
    }
  }

  /** Inflates gzip (with its header; several members allowed) or deflate (zlib-wrapped or raw). */
  static byte[] inflate(byte[] b, boolean gzip) throws HttpFormatException {
    try {
      if (gzip) {
        return Gunzip.all(b, MAX_DECODED);
      }
      boolean zlib = b.length >= 2 && (b[0] & 0x0F) == 8 && (((b[0] & 0xFF) << 8) | (b[1] & 0xFF)) % 31 == 0;
      Inflater inf = new Inflater(!zlib);
      try {
        return Gunzip.inflate(inf, b, 0, b.length, MAX_DECODED);
      } finally {
        inf.end();
      }
    } catch (DataFormatException e) {
      throw new HttpFormatException("cannot " + (gzip ? "gunzip" : "inflate") + " the payload: " + e.getMessage(), true);
    }
  }

  /** Where the line starting at {@code start} ends, before its CR LF or LF (or at {@code end}). */
  private static int lineEnd(byte[] b, int start, int end) {
    int p = start;
    while (p < end && b[p] != '\n') {
      p++;
    }
    return p > start && b[p - 1] == '\r' ? p - 1 : p;
  }

  /** Skips the line end at {@code lineEnd} (CRLF or LF). */
  private static int next(byte[] b, int lineEnd, int end) {
    int p = lineEnd;
    if (p < end && b[p] == '\r') {
      p++;
    }
    if (p < end && b[p] == '\n') {
      p++;
    }
    return p;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
  }

  private static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
