package dev.llamakit.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesIntoMissingFoldersReadableByOthers() throws IOException {
    Path f = dir.resolve("a/b/results.json");
    AtomicFile.writeString(f, "{\"x\": \"é\"}\n");
    assertEquals("{\"x\": \"é\"}\n", Files.readString(f, StandardCharsets.UTF_8));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(1, entries(f.getParent()), "no temporary file left beside it");
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("model.bin");
    AtomicFile.writeBytes(f, new byte[] {1, 2, 3});
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
      out.write(new byte[1 << 17]); // past the buffer: half a file reaches the temporary file
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    assertEquals(1, entries(dir));
  }

  @Test
  void aBodyMayReplaceTheTemporaryFileAndALinkKeepsItsTargetsPermissions() throws IOException {
    Path source = dir.resolve("source.model");
    Files.writeString(source, "pieces");
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-------"));
    Path link = dir.resolve("out/en.sp.model");
    AtomicFile.replace(link, tmp -> {
      Files.delete(tmp);
      Files.createSymbolicLink(tmp, source);
    });
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("pieces", Files.readString(link));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(source)));
  }

  private static long entries(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }
}
