package dev.llamakit.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path home;

  @Test
  void installsAVerifiedCopyAtomically() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    ModelStore store = new ModelStore(home);
    assertFalse(store.isPresent("lid176"));
    Path p = store.fetch("lid176", lid, new PrintStream(new ByteArrayOutputStream()));
    assertEquals(home.resolve("models/lid.176.ftz"), p);
    assertTrue(store.isPresent("lid176"));
    assertEquals(p, store.ensure("lid176", new PrintStream(new ByteArrayOutputStream())), "no second fetch");
    try (var s = Files.list(home.resolve("models"))) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void rejectsAFileWithTheWrongChecksum() throws Exception {
    Path fake = Files.write(home.resolve("fake.ftz"), new byte[938013]);
    ModelStore store = new ModelStore(home);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> store.fetch("lid176", fake, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("md5"), e.getMessage());
    assertFalse(Files.exists(home.resolve("models/lid.176.ftz")));
  }

  @Test
  void unknownIdsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelStore(home).entry("lid999"));
    assertTrue(e.getMessage().contains("lid176"));
  }
}
