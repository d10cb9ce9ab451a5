package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.io.TextFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17, strict text decoding: the side tools' files (training text, calibration sets, cutoffs) are read through
 * engine's TextLines — a bad byte or damaged gzip is an error naming {@code file:line}, never a U+FFFD in the data.
 */
class TextFilesTest {
  @TempDir Path tmp;

  @Test
  void invalidUtf8IsAnErrorNamingFileAndEditorLine() throws Exception {
    Path f = tmp.resolve("train.txt");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("first\n\nthird\n".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {'b', 'a', 'd', (byte) 0xFF, '\n'});
    Files.write(f, b.toByteArray());
    List<String> seen = new ArrayList<>();
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextFiles.forEachText(f, "text", seen::add));
    assertEquals(4, e.line(), "blank lines count, as in an editor");
    assertTrue(e.getMessage().startsWith(f + ":4: invalid UTF-8"), e.getMessage());
    assertEquals(List.of("first", "third"), seen);
    assertThrows(TextFormatException.class, () -> TextFiles.readAll(f));
  }

  @Test
  void jsonErrorsAndMissingFieldsNameTheLine() throws Exception {
    Path f = tmp.resolve("set.jsonl");
    Files.writeString(f, "{\"text\":\"a\"}\n\n{\"other\":1}\n");
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextFiles.forEachText(f, "text", t -> { }));
    assertTrue(e.getMessage().startsWith(f + ":3: no text field 'text'"), e.getMessage());
    Files.writeString(f, "{\"text\":\"a\"}\n{broken\n");
    e = assertThrows(TextFormatException.class, () -> TextFiles.forEachJson(f, (d, n) -> { }));
    assertTrue(e.getMessage().startsWith(f + ":2: not a JSON object"), e.getMessage());
  }

  @Test
  void damagedGzipIsNamed() throws Exception {
    Path f = tmp.resolve("train.txt.gz");
    byte[] gz = WetSample.gzip("one\ntwo\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    Files.write(f, Arrays.copyOf(gz, gz.length / 2));
    TextFormatException e = assertThrows(TextFormatException.class, () -> TextFiles.forEachText(f, "text", t -> { }));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8});
    e = assertThrows(TextFormatException.class, () -> TextFiles.readAll(f));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
  }

  /** A wet.paths list goes through TextLines too: a bad byte names the list and its line. */
  @Test
  void pathsFileIsStrict() throws Exception {
    Path f = tmp.resolve("wet.paths");
    Files.write(f, new byte[] {'a', '.', 'g', 'z', '\n', '#', ' ', 'c', '\n', 'b', (byte) 0xE9, '\n'});
    TextFormatException e = assertThrows(TextFormatException.class, () -> InputResolver.readPathsFile(f));
    assertTrue(e.getMessage().startsWith(f + ":3: invalid UTF-8"), e.getMessage());
    Files.writeString(f, "a.gz\n\n# comment\n  b.gz  \n");
    assertEquals(List.of("a.gz", "b.gz"), InputResolver.readPathsFile(f));
  }
}
