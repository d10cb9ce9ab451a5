package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.html.HtmlCharset;
import dev.llamakit.pipelines.html.HtmlText;
import dev.llamakit.pipelines.http.HttpFormatException;
import dev.llamakit.pipelines.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads WARC files ({@code .warc}, {@code .warc.gz}, one gzip member per record or not) and turns each HTML
 * {@code response} record into a document: the HTTP payload is decoded (chunked transfer coding, gzip/deflate
 * content coding), its charset found ({@link HtmlCharset}) and its main-content text extracted ({@link HtmlText}).
 * Framing, resynchronisation and damage handling are the WET reader's ({@link WetReader}).
 *
 * <p>Fields: {@code url} from WARC-Target-URI, {@code date_download} from WARC-Date, {@code digest} from
 * WARC-Payload-Digest (the digest cc_net keeps for a page: Common Crawl copies it into the WET record), {@code title}
 * from {@code <title>}, {@code raw_content} the extracted lines, {@code length} the UTF-8 bytes of title and text as
 * a WET record of them would hold, {@code source_domain} the URL's netloc. Signals: {@code charset} and
 * {@code charset_source} (bom, http, meta, fallback).
 *
 * <p>Records that are not pages: {@code warcinfo}, {@code request} and {@code metadata} records describe a capture
 * and are by design neither documents nor drops — they are counted as metadata records (the run report's
 * {@code warcinfo_records}). Every other record is a document or one of these drops: {@link #NOT_HTML} (a response
 * that is not text/html or application/xhtml+xml), {@link #HTTP_NOT_OK} (status other than 200),
 * {@link #WET_RECORD_IN_WARC} (a {@code conversion} record: the input is WET, read it with format wet),
 * {@link #NOT_RESPONSE} (resource, revisit, continuation records), {@link #BAD_HTTP} (a block that is not an HTTP
 * response), {@link #BAD_CONTENT_ENCODING} (broken chunks or gzip, unsupported coding), {@link #UNKNOWN_CHARSET},
 * {@link #UNDECODABLE_TEXT} (bytes invalid in the declared charset) and {@link #NO_MAIN_TEXT} (nothing left after
 * boilerplate removal).
 */
public final class WarcReader {
  public static final DropReason NOT_HTML = DropReason.of("NOT_HTML");
  public static final DropReason HTTP_NOT_OK = DropReason.of("HTTP_NOT_OK");
  public static final DropReason WET_RECORD_IN_WARC = DropReason.of("WET_RECORD_IN_WARC");
  public static final DropReason NOT_RESPONSE = DropReason.of("NOT_RESPONSE");
  public static final DropReason BAD_HTTP = DropReason.of("BAD_HTTP");
  public static final DropReason BAD_CONTENT_ENCODING = DropReason.of("BAD_CONTENT_ENCODING");
  public static final DropReason UNKNOWN_CHARSET = DropReason.of("UNKNOWN_CHARSET");
  public static final DropReason UNDECODABLE_TEXT = DropReason.of("UNDECODABLE_TEXT");
  public static final DropReason NO_MAIN_TEXT = DropReason.of("NO_MAIN_TEXT");

  /** The media types read as HTML. */
  private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
  /** Record types that describe a capture rather than hold a page: metadata, not documents. */
  private static final Set<String> METADATA = Set.of("warcinfo", "request", "metadata");

  private final ReadOptions options;

  public WarcReader(ReadOptions options) {
    this.options = options;
  }

  /** Reads every record of one WARC stream; returns its record and metadata-record counts. */
  public WetReader.FileStats read(InputStream in, String name, String segment, long fileIndex, RecordSink sink)
      throws IOException {
    return new WetReader(options, this::record).read(in, name, segment, fileIndex, sink);
  }

  private void record(Map<String, String> h, String type, byte[] buf, int off, int len, WetReader.Outcome out) {
    String url = h.get("WARC-Target-URI");
    if (METADATA.contains(type)) {
      out.metadata();
      return;
    }
    if ("conversion".equals(type)) {
      out.drop(url, WET_RECORD_IN_WARC, "a WET conversion record read as WARC: read this file with format wet");
      return;
    }
    if (!"response".equals(type)) {
      out.drop(url, NOT_RESPONSE, "WARC-Type " + type + " (pages are response records)");
      return;
    }
    if (url == null || url.isBlank()) {
      out.drop(null, DropReason.MALFORMED_RECORD, "missing WARC-Target-URI header");
      return;
    }
    String ct = h.getOrDefault("Content-Type", "");
    if (!ct.toLowerCase(Locale.ROOT).startsWith("application/http")) {
      out.drop(url, NOT_HTML, "a response record of Content-Type '" + ct + "', not application/http");
      return;
    }
    HttpResponse http;
    byte[] body;
    try {
      http = HttpResponse.parse(buf, off, len);
      if (http.status() != 200) {
        out.drop(url, HTTP_NOT_OK, "HTTP status " + http.status());
        return;
      }
      String media = http.mediaType();
      if (!HTML.contains(media)) {
        out.drop(url, NOT_HTML, "HTTP Content-Type '" + (media.isEmpty() ? "(none)" : media) + "'");
        return;
      }
      body = http.decodedBody();
    } catch (HttpFormatException e) {
      out.drop(url, e.coding() ? BAD_CONTENT_ENCODING : BAD_HTTP, e.getMessage());
      return;
    }
    HtmlCharset.Decoded decoded;
    try {
      decoded = HtmlCharset.decode(body, http.charsetParam());
    } catch (HtmlCharset.Undecodable e) {
      out.drop(url, e.unknown() ? UNKNOWN_CHARSET : UNDECODABLE_TEXT, e.getMessage());
      return;
    }
    HtmlText.Page page = HtmlText.main(decoded.text());
    if (page.text().isEmpty()) {
      out.drop(url, NO_MAIN_TEXT, "no main-content text in " + body.length + " bytes of HTML");
      return;
    }
    String text = page.text();
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    long length = (page.title() + "\n" + text).getBytes(StandardCharsets.UTF_8).length;
    Document d = Document.read(out.id(), out.ordinal(), url, h.get("WARC-Date"), h.get("WARC-Payload-Digest"), length,
        lines, UrlParts.netloc(url), page.title(), text, out.segment());
    out.document(d.withSignal("charset", decoded.charset()).withSignal("charset_source", decoded.source()));
  }
}
