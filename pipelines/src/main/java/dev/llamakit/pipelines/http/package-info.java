/**
 * The HTTP messages a WARC {@code response} record holds: the status line, the headers and the payload with its
 * transfer coding ({@code chunked}) and content coding ({@code gzip}, {@code x-gzip}, {@code deflate}) undone.
 * Common Crawl records payloads as sent; when its crawler already decoded a payload it renames the header to
 * {@code X-Crawler-Transfer-Encoding}/{@code X-Crawler-Content-Encoding}, which is therefore not decoded again.
 *
 * <pre>{@code
 * HttpResponse r = HttpResponse.parse(block, off, len);   // HttpFormatException naming what is wrong
 * if (r.status() == 200 && r.mediaType().equals("text/html")) {
 *   byte[] html = r.decodedBody();                        // chunks joined, gzip/deflate inflated
 *   String declared = r.charsetParam();                   // from Content-Type, or null
 * }
 * }</pre>
 */
package dev.llamakit.pipelines.http;
