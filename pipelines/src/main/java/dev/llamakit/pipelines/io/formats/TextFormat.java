package dev.llamakit.pipelines.io.formats;

import dev.llamakit.engine.io.Utf8;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecords;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Plain-text files, one file = one document (books: Project Gutenberg, Books3): the whole text becomes
 * {@code raw_content} with universal newlines and without a byte-order mark, every line kept (headings and the blank
 * lines between paragraphs are the book's structure). gzip and bzip2 are recognised by their magic bytes. The
 * document's id is the file name; its signal {@code charset} says how it was decoded.
 *
 * <p>A file that is not UTF-8 is decoded as {@code fallback_charset} (Windows-1252 by default: older Gutenberg files
 * are Latin-1 or Windows-1252), or dropped as {@code INVALID_UTF8} when it is empty; a file (decompressed) longer than
 * {@code max_bytes} is dropped as {@code TOO_LONG} without being read further.
 */
public final class TextFormat implements CorpusFormat {
  /** The format's options ({@code format_params}). */
  public static final class Params implements java.io.Serializable {
    /** The largest file, decompressed, read as one document; a longer one is a {@code TOO_LONG} drop. */
    public long maxBytes = 256L << 20;
    /** How a file that is not valid UTF-8 is decoded; empty: it is an {@code INVALID_UTF8} drop. */
    public String fallbackCharset = "windows-1252";
  }

  private final Params p;

  public TextFormat(Params p) {
    if (p.maxBytes < 1) {
      throw new IllegalArgumentException("max_bytes must be at least 1, got " + p.maxBytes);
    }
    if (p.fallbackCharset != null && !p.fallbackCharset.isEmpty() && !Charset.isSupported(p.fallbackCharset)) {
      throw new IllegalArgumentException("fallback_charset '" + p.fallbackCharset + "' is not a charset this JVM knows");
    }
    this.p = p;
  }

  @Override
  public List<String> suffixes() {
    return List.of(".txt");
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> {
      byte[] bytes;
      try (InputStream in = Decompression.open(raw, p.maxBytes, name)) {
        bytes = in.readAllBytes();
      } catch (Decompression.ExpansionLimit e) {
        BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.TOO_LONG, e.getMessage());
        return 0;
      } catch (IOException e) {
        BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.TRUNCATED_RECORD,
            "cannot decompress: " + e.getMessage());
        return 0;
      }
      String charset = "utf-8";
      String text = Utf8.decodeOrNull(bytes, 0, bytes.length);
      if (text == null) {
        if (p.fallbackCharset == null || p.fallbackCharset.isEmpty()) {
          BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.INVALID_UTF8,
              "not valid UTF-8 (at byte " + Utf8.firstMalformed(bytes, 0, bytes.length) + ")");
          return 0;
        }
        charset = p.fallbackCharset.toLowerCase(java.util.Locale.ROOT);
        text = new String(bytes, Charset.forName(p.fallbackCharset));
      }
      text = Decompression.normalizeNewlines(text);
      sink.document(Document.read(name, fileIndex << 40, null, null, null, PyText.len(text), lineCount(text), null,
          null, text, segment).withSignal("charset", charset));
      return 0;
    };
  }

  /** Lines as {@code str.splitlines()} counts them for {@code \n}-only text. */
  static int lineCount(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int n = 1;
    for (int i = s.indexOf('\n'); i >= 0 && i < s.length() - 1; i = s.indexOf('\n', i + 1)) {
      n++;
    }
    return n;
  }
}
