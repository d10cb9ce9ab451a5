package dev.llamakit.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {
  @TempDir Path dir;

  @Test
  void numbersLinesAsAnEditorDoesBlankOnesIncluded() throws IOException {
    Path f = write("a.txt", "\uFEFFfirst\r\n\nthird é\n".getBytes(StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    TextLines.forEach(f, (line, n) -> seen.add(n + ":" + line));
    assertEquals(List.of("1:first", "2:", "3:third é"), seen);
    assertEquals("first\n\nthird é\n", TextLines.readAll(f));
  }

  @Test
  void reportsEachLinesBreakAsTheFileHadIt() throws IOException {
    Path f = write("breaks.txt", "a\r\nb\nc".getBytes(StandardCharsets.UTF_8));
    try (TextLines lines = TextLines.open(f)) {
      assertEquals("a", lines.next());
      assertEquals("\r\n", lines.lineBreak());
      assertEquals("b", lines.next());
      assertEquals("\n", lines.lineBreak());
      assertEquals("c", lines.next());
      assertEquals("", lines.lineBreak());
    }
  }

  @Test
  void lastLineWithoutBreakIsALine() throws IOException {
    Path f = write("b.txt", "x\ny".getBytes(StandardCharsets.UTF_8));
    try (TextLines lines = TextLines.open(f)) {
      assertEquals("x", lines.next());
      assertEquals("y", lines.next());
      assertEquals(2, lines.lineNumber());
      assertNull(lines.next());
    }
    assertEquals("x\ny", TextLines.readAll(f));
  }

  @Test
  void invalidUtf8NamesFileLineAndByte() throws IOException {
    byte[] bytes = "ok\n\nab\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] broken = Arrays.copyOf(bytes, bytes.length + 3);
    broken[bytes.length] = (byte) 0xFF;
    broken[bytes.length + 1] = '\n';
    broken[bytes.length + 2] = 'z';
    Path f = write("bad.jsonl", broken);
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextLines.readAll(f));
    assertEquals(3, e.line());
    assertEquals(f + ":3: invalid UTF-8 at byte 5 of the line", e.getMessage());
  }

  @Test
  void corruptGzipIsATextFormatErrorNamingTheFile() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write("line one\nline two\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] gz = bos.toByteArray();
    Path cut = write("cut.txt.gz", Arrays.copyOf(gz, gz.length / 2));
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextLines.readAll(cut));
    assertTrue(e.getMessage().startsWith(cut + ":"), e.getMessage());
    Path header = write("header.txt.gz", Arrays.copyOf(gz, 5));
    e = assertThrows(TextFormatException.class, () -> TextLines.readAll(header));
    assertTrue(e.getMessage().contains("header.txt.gz"), e.getMessage());
    Path whole = write("whole.txt.gz", gz);
    assertEquals("line one\nline two\n".repeat(1000), TextLines.readAll(whole));
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("none.txt");
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextLines.open(f));
    assertEquals(f + ": file not found", e.getMessage());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }
}
