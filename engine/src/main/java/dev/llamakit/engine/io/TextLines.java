package dev.llamakit.engine.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The one way llamakit reads a text file line by line: strict UTF-8 (malformed bytes are a {@link
 * TextFormatException} naming {@code file:line}, never a silent U+FFFD), gzip when the name ends in {@code .gz},
 * lines split on {@code \n} with a trailing {@code \r} removed, and line numbers exactly as an editor shows them —
 * blank lines count.
 *
 * <pre>{@code
 * try (TextLines lines = TextLines.open(path)) {
 *   for (String line; (line = lines.next()) != null; ) {
 *     if (line.isBlank()) continue;
 *     parse(line, lines.lineNumber());
 *   }
 * }
 * }</pre>
 */
public final class TextLines implements Closeable {
  /** The longest line accepted (256 MiB): a file without line breaks fails with a message, not an OutOfMemoryError. */
  public static final int MAX_LINE_BYTES = 1 << 28;

  private final Path file;
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private long number;
  private boolean endedWithBreak;
  private boolean crlf;

  private TextLines(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /** Opens {@code file}; a missing file or a bad gzip header is a {@link TextFormatException} naming it. */
  public static TextLines open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new TextFormatException(file, 0, "file not found", new NoSuchFileException(file.toString()));
    }
    InputStream raw = Files.newInputStream(file);
    try {
      InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new TextLines(file, in);
    } catch (ZipException | EOFException e) {
      raw.close();
      throw new TextFormatException(file, 0, "not a gzip file or its header is damaged (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The next line without its line break, or null at the end of the file. A line that is not UTF-8 throws a {@link
   * TextFormatException} and is consumed: the reader stays usable, and the next call returns the following line (batch
   * readers that report bad records one by one rely on this).
   */
  public String next() throws IOException {
    int len = 0;
    boolean any = false;
    endedWithBreak = false;
    while (true) {
      if (pos == limit && !fill()) break;
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') pos++;
      int n = pos - start;
      if (len + n > MAX_LINE_BYTES) {
        throw new TextFormatException(file, number + 1, "line longer than " + MAX_LINE_BYTES + " bytes");
      }
      if (len + n > line.length) line = Arrays.copyOf(line, Math.max(len + n, Math.min(MAX_LINE_BYTES, line.length * 2)));
      System.arraycopy(buf, start, line, len, n);
      len += n;
      if (pos < limit) {
        pos++;
        endedWithBreak = true;
        break;
      }
    }
    if (!any) return null;
    number++;
    crlf = endedWithBreak && len > 0 && line[len - 1] == '\r';
    if (len > 0 && line[len - 1] == '\r') len--;
    int off = 0;
    if (number == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) off = 3;
    return decode(file, number, line, off, len - off);
  }

  private boolean fill() throws IOException {
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (ZipException | EOFException e) {
      throw new TextFormatException(file, number + 1, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    }
    if (n <= 0) return false;
    pos = 0;
    limit = n;
    return true;
  }

  /** Strictly decodes one line; the error names the line and the 1-based byte column of the first bad byte. */
  private static String decode(Path file, long number, byte[] bytes, int off, int len) throws TextFormatException {
    String text = Utf8.decodeOrNull(bytes, off, len);
    if (text == null) {
      throw new TextFormatException(file, number,
          "invalid UTF-8 at byte " + Utf8.firstMalformed(bytes, off, len) + " of the line");
    }
    return text;
  }


  /** The 1-based number of the line last returned by {@link #next()}. */
  public long lineNumber() {
    return number;
  }

  /**
   * The line break that ended the line last returned, as it was in the file: {@code "\r\n"}, {@code "\n"}, or
   * {@code ""} for a last line without one. Formats whose values may span lines (quoted CSV fields) use it to
   * rebuild a value exactly.
   */
  public String lineBreak() {
    return !endedWithBreak ? "" : crlf ? "\r\n" : "\n";
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A visitor of every line with its number. */
  @FunctionalInterface
  public interface Visitor {
    void visit(String line, long number) throws IOException;
  }

  /** Visits every line of {@code file} (blank ones too) with its 1-based number. */
  public static void forEach(Path file, Visitor visitor) throws IOException {
    try (TextLines lines = open(file)) {
      for (String l; (l = lines.next()) != null; ) visitor.visit(l, lines.lineNumber());
    }
  }

  /** The whole file as one string, {@code \r\n} as {@code \n}, the final line break kept; strict UTF-8 as above. */
  public static String readAll(Path file) throws IOException {
    try (TextLines lines = open(file)) {
      return lines.rest();
    }
  }

  /**
   * {@link #readAll(Path)} of a stream (standard input, say), called {@code name} in error messages, e.g. {@code
   * (stdin):3: invalid UTF-8 at byte 5 of the line}. No gzip detection; the stream is read to its end, not closed.
   */
  public static String readAll(InputStream in, Path name) throws IOException {
    return new TextLines(name, in).rest();
  }

  private String rest() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l; (l = next()) != null; ) {
      sb.append(l);
      if (endedWithBreak) sb.append('\n');
    }
    return sb.toString();
  }
}
