package dev.llamakit.pipelines.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes WARC files as a crawler does: a {@code warcinfo} record, then per page a {@code request}, a
 * {@code response} (the HTTP response as sent: status line, headers, payload) and optionally a {@code metadata}
 * record, each record its own gzip member when compressing. Record ids are a counter, so output is reproducible. Used
 * by the benchmark corpus generator and by tests.
 */
public final class WarcWriter implements AutoCloseable {
  private final OutputStream out;
  private final boolean gzip;
  private long counter;

  public WarcWriter(OutputStream out, boolean gzip) throws IOException {
    this.out = out;
    this.gzip = gzip;
    record("warcinfo", null, "2024-05-18T01:58:10Z", "application/warc-fields", null,
        "isPartOf: llamakit-generated\r\npublisher: llamakit\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Appends the request a crawler sent for {@code url}. */
  public void request(String url, String date) throws IOException {
    String host = url.replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "");
    String path = url.replaceFirst("^[a-z]+://[^/]*", "");
    record("request", url, date, "application/http; msgtype=request", null, ("GET " + (path.isEmpty() ? "/" : path)
        + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: llamakit-test\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends an HTTP response: {@code head} is the status line and header lines (CRLF-ended, without the blank line),
   * {@code payload} the bytes as sent (already chunked or compressed when the head says so).
   */
  public void response(String url, String date, String head, byte[] payload) throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream(payload.length + head.length() + 4);
    block.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    block.write(payload);
    record("response", url, date, "application/http; msgtype=response", "sha1:" + base32Sha1(payload),
        block.toByteArray());
  }

  /** Appends a 200 text/html response of {@code html} in UTF-8. */
  public void html(String url, String date, String html) throws IOException {
    response(url, date, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n",
        html.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends a record of any type (metadata, conversion, resource...) with a block as given. */
  public void record(String type, String url, String date, String contentType, String payloadDigest, byte[] block)
      throws IOException {
    StringBuilder h = new StringBuilder("WARC/1.0\r\nWARC-Type: ").append(type).append("\r\n");
    if (url != null) {
      h.append("WARC-Target-URI: ").append(url).append("\r\n");
    }
    h.append("WARC-Date: ").append(date).append("\r\nWARC-Record-ID: <urn:uuid:").append(uuid()).append(">\r\n");
    if (payloadDigest != null) {
      h.append("WARC-Payload-Digest: ").append(payloadDigest).append("\r\n");
    }
    h.append("Content-Type: ").append(contentType).append("\r\n");
    WarcRecords.write(out, gzip, h.toString(), block);
  }

  private String uuid() {
    return new UUID(0x3a4cL, counter++).toString();
  }

  private static String base32Sha1(byte[] body) {
    return WarcRecords.base32Sha1(body);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
