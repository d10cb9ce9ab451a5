package dev.llamakit.pipelines.kenlm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an input stream line by line as raw bytes, without decoding or allocating per line: after {@link #next()}
 * the line is {@code bytes()[start(), end())} (without its {@code \n} or a trailing {@code \r}).
 */
final class ByteLines {
  private final InputStream in;
  private byte[] data = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private int start;
  private int end;
  private long number;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (data[i] == '\n') {
          setLine(pos, i);
          pos = i + 1;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void setLine(int from, int to) {
    start = from;
    end = to > from && data[to - 1] == '\r' ? to - 1 : to;
    number++;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(data, pos, data, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == data.length) {
      data = java.util.Arrays.copyOf(data, data.length * 2);
    }
    int n = in.read(data, limit, data.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  byte[] bytes() {
    return data;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** 1-based number of the current line. */
  long number() {
    return number;
  }

  boolean isBlank() {
    for (int i = start; i < end; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0b) {
        return false;
      }
    }
    return true;
  }

  boolean is(String ascii) {
    int n = ascii.length();
    if (end - start != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (data[start + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The current line as text, shortened for error messages. */
  String text() {
    int len = Math.min(end - start, 120);
    String s = new String(data, start, len, StandardCharsets.UTF_8);
    return len < end - start ? s + "..." : s;
  }
}
