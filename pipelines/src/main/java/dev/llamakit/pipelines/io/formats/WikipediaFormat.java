package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecords;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.DumpXml;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * MediaWiki XML dumps ({@code *-pages-articles.xml}, {@code *-pages-articles-multistream.xml}, plain, gzip or bzip2 —
 * multistream bzip2 read as one stream), streamed with StAX: one page at a time in memory, never the dump. Each page
 * of a selected namespace ({@code namespaces}, articles only by default) that is not a redirect becomes one document
 * whose {@code raw_content} is the wikitext of its last revision (the {@code wikitext} rule makes plain text of it);
 * its {@code title} is the page title, its id {@code name#<page id>}, its URL the article's. Provenance signals:
 * {@code wiki_page_id}, {@code wiki_revision_id}, {@code wiki_timestamp}, {@code wiki_language} (from the dump's
 * {@code <siteinfo><dbname>}: {@code enwiki} → {@code en}, {@code zh_yuewiki} → {@code zh-yue}). The siteinfo header
 * is metadata (counted apart, not a record).
 *
 * <p>Drops: {@code WIKIPEDIA_REDIRECT}, {@code WIKIPEDIA_OTHER_NAMESPACE}; a page over {@code max_page_chars}
 * {@code TOO_LONG}; XML that is not well-formed {@code MALFORMED_XML} naming the line and column (StAX cannot read
 * on after it: the pages before it are kept, the file ends there; {@code on_bad_record: fail} stops the run naming
 * {@code file:line}); a stream expanding past {@code max_expanded_bytes} or {@code max_compression_ratio} times its
 * compressed size (after 16 MiB), a compression bomb, {@code ARCHIVE_TOO_LARGE}; damaged compressed data
 * {@code CORRUPT_ARCHIVE}. DTDs and external entities are off (no entity expansion bomb, no file read).
 */
public final class WikipediaFormat implements CorpusFormat {
  /** The format's options ({@code format_params}). */
  public static final class Params implements java.io.Serializable {
    /** The namespaces read as documents (0: articles). */
    public List<Integer> namespaces = new ArrayList<>(List.of(0));
    /** The longest page wikitext kept, in characters; a longer one is a {@code TOO_LONG} drop. */
    public long maxPageChars = 16L << 20;
    /** The most bytes a dump may expand to (the English dump is about 100 GB). */
    public long maxExpandedBytes = 1L << 40;
    /** The most a compressed dump may expand, relative to its compressed bytes (bz2 dumps: about 5). */
    public double maxCompressionRatio = 100;
  }

  private final Params p;

  public WikipediaFormat(Params p) {
    if (p.maxPageChars < 1 || p.maxExpandedBytes < 1 || p.maxCompressionRatio <= 1) {
      throw new IllegalArgumentException("max_page_chars and max_expanded_bytes must be at least 1, "
          + "max_compression_ratio above 1");
    }
    if (p.namespaces == null || p.namespaces.isEmpty()) {
      throw new IllegalArgumentException("namespaces must name at least one namespace (0: articles)");
    }
    this.p = p;
  }

  @Override
  public List<String> suffixes() {
    return List.of("pages-articles.xml", "pages-articles-multistream.xml", "pages-meta-current.xml");
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> {
      XMLInputFactory f = DumpXml.factory(false);
      Pages pages = new Pages(name, segment, fileIndex, options, sink);
      try (InputStream in = Decompression.open(raw, p.maxExpandedBytes, p.maxCompressionRatio, name)) {
        XMLStreamReader x = f.createXMLStreamReader(in, "UTF-8");
        try {
          pages.read(x);
        } finally {
          x.close();
        }
      } catch (XMLStreamException e) {
        Throwable c = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (c instanceof Decompression.ExpansionLimit limit) {
          BadRecords.report(sink, options.onBadRecord(), pages.where(), null, DropReason.ARCHIVE_TOO_LARGE,
              limit.getMessage());
        } else if (c instanceof IOException io) {
          BadRecords.report(sink, options.onBadRecord(), pages.where(), null, DropReason.CORRUPT_ARCHIVE,
              "cannot read on: " + io.getMessage());
        } else {
          String at = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNumber() + ", column "
              + e.getLocation().getColumnNumber() + ": ";
          BadRecords.report(sink, options.onBadRecord(), e.getLocation() == null ? pages.where()
              : name + ":" + e.getLocation().getLineNumber(), null, DropReason.MALFORMED_XML,
              at + cleanMessage(e) + " (the rest of the file is not read)");
        }
      } catch (Decompression.ExpansionLimit e) {
        BadRecords.report(sink, options.onBadRecord(), pages.where(), null, DropReason.ARCHIVE_TOO_LARGE, e.getMessage());
      } catch (IOException e) {
        BadRecords.report(sink, options.onBadRecord(), pages.where(), null, DropReason.CORRUPT_ARCHIVE,
            "cannot read on: " + e.getMessage());
      }
      return pages.siteinfo;
    };
  }

  private static String cleanMessage(XMLStreamException e) {
    String m = e.getMessage();
    int i = m.indexOf("Message: ");
    return i >= 0 ? m.substring(i + 9).strip() : m;
  }

  /** The page-by-page state of one dump. */
  private final class Pages {
    final String name;
    final String segment;
    final long fileIndex;
    final ReadOptions options;
    final RecordSink sink;
    long siteinfo;
    String language;
    long n;
    String lastPage;

    Pages(String name, String segment, long fileIndex, ReadOptions options, RecordSink sink) {
      this.name = name;
      this.segment = segment;
      this.fileIndex = fileIndex;
      this.options = options;
      this.sink = sink;
    }

    /** Names the place of a failure: after the last page read. */
    String where() {
      return name + (lastPage == null ? "" : "#after-" + lastPage);
    }

    void read(XMLStreamReader x) throws XMLStreamException {
      while (x.hasNext()) {
        if (x.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (x.getLocalName()) {
          case "siteinfo" -> siteinfo(x);
          case "page" -> page(x);
          default -> { }
        }
      }
    }

    private void siteinfo(XMLStreamReader x) throws XMLStreamException {
      siteinfo++;
      int depth = 1;
      while (depth > 0) {
        int e = x.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          if (x.getLocalName().equals("dbname")) {
            language = languageOf(x.getElementText().strip());
          } else {
            depth++;
          }
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    private void page(XMLStreamReader x) throws XMLStreamException {
      String title = null;
      String id = null;
      String ns = null;
      String revision = null;
      String timestamp = null;
      boolean redirect = false;
      StringBuilder text = null;
      boolean tooLong = false;
      int depth = 1;
      boolean inRevision = false;
      while (depth > 0) {
        int e = x.next();
        if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (x.getLocalName().equals("revision")) {
            inRevision = false;
          }
          continue;
        }
        if (e != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String el = x.getLocalName();
        switch (el) {
          case "title" -> title = x.getElementText();
          case "ns" -> ns = x.getElementText().strip();
          case "id" -> {
            String v = x.getElementText().strip();
            if (inRevision) {
              revision = revision == null ? v : revision; // not the contributor's <id> after it
            } else if (id == null) {
              id = v;
            }
          }
          case "redirect" -> {
            redirect = true;
            depth++;
          }
          case "timestamp" -> timestamp = x.getElementText().strip();
          case "revision" -> {
            inRevision = true;
            revision = null; // a history dump: the last revision counts
            depth++;
          }
          case "text" -> {
            // the last revision's text, read in pieces and bounded: a page is never held past max_page_chars
            text = new StringBuilder();
            tooLong = false;
            int d = 1;
            while (d > 0) {
              int t = x.next();
              if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA
                  || t == XMLStreamConstants.SPACE || t == XMLStreamConstants.ENTITY_REFERENCE) {
                if (!tooLong) {
                  text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                  if (text.length() > p.maxPageChars) {
                    tooLong = true;
                    text.setLength(0);
                  }
                }
              } else if (t == XMLStreamConstants.START_ELEMENT) {
                d++;
              } else if (t == XMLStreamConstants.END_ELEMENT) {
                d--;
              }
            }
          }
          default -> depth++;
        }
      }
      n++;
      String recId = name + "#" + (id != null ? id : "page" + n);
      lastPage = id != null ? id : "page" + n;
      int namespace;
      try {
        namespace = ns == null ? 0 : Integer.parseInt(ns);
      } catch (NumberFormatException bad) {
        BadRecords.report(sink, options.onBadRecord(), recId, null, DropReason.MALFORMED_RECORD,
            "<ns> is not a number: '" + ns + "'");
        return;
      }
      String url = title == null || language == null ? null : "https://" + language + ".wikipedia.org/wiki/"
          + URLEncoder.encode(title.replace(' ', '_'), StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":")
          .replace("%28", "(").replace("%29", ")").replace("%2C", ",");
      if (!p.namespaces.contains(namespace)) {
        sink.drop(new dev.llamakit.pipelines.doc.Drop(recId, url, DropReason.WIKIPEDIA_OTHER_NAMESPACE,
            "namespace " + namespace + " (" + title + ")"));
        return;
      }
      String body = text == null ? "" : text.toString();
      if (redirect || isRedirect(body)) {
        sink.drop(new dev.llamakit.pipelines.doc.Drop(recId, url, DropReason.WIKIPEDIA_REDIRECT, "redirect: " + title));
        return;
      }
      if (tooLong) {
        BadRecords.report(sink, options.onBadRecord(), recId, url, DropReason.TOO_LONG,
            "wikitext longer than " + p.maxPageChars + " characters");
        return;
      }
      body = Decompression.normalizeNewlines(body);
      Document d = Document.read(recId, (fileIndex << 40) | n, url, null, null, PyText.len(body),
          TextFormat.lineCount(body), language == null ? null : language + ".wikipedia.org", title, body, segment);
      d = with(with(with(with(d, "wiki_page_id", id), "wiki_revision_id", revision), "wiki_timestamp", timestamp),
          "wiki_language", language);
      sink.document(d);
    }
  }

  private static Document with(Document d, String key, String value) {
    return value == null ? d : d.withSignal(key, value);
  }

  /** MediaWiki's {@code #REDIRECT [[...]]} (English keyword; localised dumps mark redirects with {@code <redirect>}). */
  static boolean isRedirect(String text) {
    String t = text.stripLeading();
    return t.length() >= 9 && t.substring(0, 9).toUpperCase(Locale.ROOT).equals("#REDIRECT");
  }

  /** {@code enwiki} → {@code en}; {@code zh_yuewiki} → {@code zh-yue}; null when not a {@code …wiki} name. */
  static String languageOf(String dbname) {
    if (!dbname.endsWith("wiki") || dbname.length() <= 4) {
      return null;
    }
    return dbname.substring(0, dbname.length() - 4).replace('_', '-');
  }
}
