package dev.llamakit.pipelines.sample;

import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.pipelines.io.WarcWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates deterministic WARC corpora of HTML pages shaped like real ones, for the WARC reader's benchmark and the
 * recipes' WARC tests: a head with meta tags, an inline style and script, a cookie banner, a header menu, a
 * breadcrumb, an article of FLORES sentences (paragraphs, a subheading, a list, a data table), a sidebar of links and
 * a footer, padded with markup to about the requested page size (real pages carry several times more markup than
 * text). Each page is a request, a response and a metadata record; every tenth response is gzip-compressed and
 * every seventh chunked, as servers send them. Same seed, same bytes.
 */
public final class WarcCorpusGenerator {
  private final List<LanguagePool> languages;
  private final long seed;

  public WarcCorpusGenerator(List<LanguagePool> languages, long seed) {
    this.languages = List.copyOf(languages);
    this.seed = seed;
  }

  /** Writes {@code files} gzipped WARC files {@code <prefix>-NNNNN.warc.gz} of {@code pages} pages in all. */
  public List<Path> write(Path dir, String prefix, int pages, int files, int pageBytes) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    int perFile = (pages + files - 1) / files;
    for (int f = 0; f < files; f++) {
      Path target = dir.resolve(String.format("%s-%05d.warc.gz", prefix, f));
      int first = f * perFile;
      AtomicFile.write(target, stream -> {
        try (WarcWriter w = new WarcWriter(stream, true)) {
          for (int p = first; p < Math.min(first + perFile, pages); p++) {
            String url = "http://site" + (p % 97) + ".example/news/page-" + p + ".html";
            String date = String.format("2024-05-18T%02d:%02d:%02dZ", (p / 3600) % 24, (p / 60) % 60, p % 60);
            w.request(url, date);
            byte[] html = page(rnd, p, pageBytes).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n");
            if (p % 10 == 9) {
              html = gzip(html);
              head.append("Content-Encoding: gzip\r\n");
            }
            if (p % 7 == 6) {
              html = chunked(html);
              head.append("Transfer-Encoding: chunked\r\n");
            }
            w.response(url, date, head.toString(), html);
            w.record("metadata", url, date, "application/warc-fields", null,
                "fetchTimeMs: 120\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      });
      out.add(target);
    }
    return out;
  }

  /** One page of about {@code bytes} bytes. */
  public String page(SplittableRandom rnd, int n, int bytes) {
    LanguagePool lang = languages.get(n % languages.size());
    StringBuilder b = new StringBuilder(bytes + 2048);
    b.append("<!DOCTYPE html>\n<html lang=\"").append(lang.label()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(lang.synthesize(rnd, 6)).append(" | Site ").append(n % 97).append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/static/site.css\">\n<style>\n");
    for (int i = 0; i < 30; i++) {
      b.append(".c").append(i).append(" { margin: ").append(i).append("px; padding: 0 ").append(i % 7)
          .append("px; color: #").append(Integer.toHexString(0x100000 + i * 4099)).append("; }\n");
    }
    b.append("</style>\n<script>\nwindow.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n")
        .append("gtag('js', new Date()); gtag('config', 'G-0000000');\n</script>\n</head>\n<body class=\"page\">\n")
        .append("<div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to give you the best experience "
            + "on our website. By continuing you agree to our cookie policy.</p><button>Accept</button></div>\n")
        .append("<header class=\"site-header\"><a class=\"logo\" href=\"/\">Site ").append(n % 97)
        .append("</a><nav class=\"main-nav\"><ul>");
    for (int i = 0; i < 20; i++) {
      b.append("<li class=\"menu-item\"><a href=\"/section/").append(i).append("\">").append(lang.synthesize(rnd, 1))
          .append("</a></li>");
    }
    b.append("</ul></nav></header>\n<div class=\"breadcrumb\"><a href=\"/\">Home</a> &gt; <a href=\"/news\">News</a>"
        + "</div>\n<main class=\"content\"><article>\n<h1>").append(lang.synthesize(rnd, 7)).append("</h1>\n");
    int textTarget = Math.max(1500, bytes / 6);
    int start = b.length();
    int para = 0;
    while (b.length() - start < textTarget) {
      if (para == 3) {
        b.append("<h2>").append(lang.synthesize(rnd, 4)).append("</h2>\n<ul>");
        for (int i = 0; i < 5; i++) {
          b.append("<li>").append(lang.synthesize(rnd, 5)).append("</li>");
        }
        b.append("</ul>\n");
      } else if (para == 6) {
        b.append("<table class=\"data\"><tr><th>").append(lang.synthesize(rnd, 1)).append("</th><th>")
            .append(lang.synthesize(rnd, 1)).append("</th></tr>");
        for (int i = 0; i < 6; i++) {
          b.append("<tr><td>").append(lang.synthesize(rnd, 2)).append("</td><td>").append(rnd.nextInt(10000))
              .append("</td></tr>");
        }
        b.append("</table>\n");
      }
      b.append("<p class=\"c").append(para % 30).append("\">");
      int sentences = 2 + rnd.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        if (s == 1 && rnd.nextInt(3) == 0) {
          b.append("<a href=\"/related/").append(rnd.nextInt(1000)).append("\">").append(lang.synthesize(rnd, 3))
              .append("</a> ");
        }
        b.append(rnd.nextInt(10) < 3 ? lang.sentence(rnd) : lang.synthesize(rnd, 10 + rnd.nextInt(12))).append(' ');
      }
      b.append("</p>\n");
      para++;
    }
    b.append("</article></main>\n<aside class=\"sidebar\"><h3>Most read</h3><ul>");
    for (int i = 0; i < 10; i++) {
      b.append("<li><a href=\"/story/").append(rnd.nextInt(100000)).append("\">").append(lang.synthesize(rnd, 6))
          .append("</a></li>");
    }
    b.append("</ul></aside>\n<footer class=\"site-footer\"><p>Copyright 2024 Site ").append(n % 97)
        .append(". All rights reserved.</p><ul>");
    for (String s : new String[] {"About", "Contact", "Privacy", "Terms", "Advertise"}) {
      b.append("<li><a href=\"/").append(s.toLowerCase(java.util.Locale.ROOT)).append("\">").append(s)
          .append("</a></li>");
    }
    b.append("</ul></footer>\n");
    // the rest of a real page's weight: tracking markup, deferred widgets, inline data
    int i = 0;
    while (b.length() < bytes - 40) {
      b.append("<div class=\"w").append(i % 30).append("\" data-id=\"").append(rnd.nextLong())
          .append("\"><span class=\"icon icon-").append(i++).append("\"></span></div>\n");
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static byte[] gzip(byte[] b) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length / 3);
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] chunked(byte[] b) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 64);
    for (int p = 0; p < b.length; p += 8192) {
      int n = Math.min(8192, b.length - p);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(b, p, n);
      out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
