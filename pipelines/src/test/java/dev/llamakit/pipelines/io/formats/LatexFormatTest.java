package dev.llamakit.pipelines.io.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecordException;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class LatexFormatTest {
  static final String MAIN = "\\documentclass{article}\n\\newcommand{\\R}{\\mathbb{R}}\n\\begin{document}\n"
      + "\\input{sections/intro}\n\\bibliography{refs}\n\\end{document}\n";
  static final String INTRO = "\\section{Introduction}\nWe study $\\R$. % a note\n";

  /** A tar of {@code files} (path → text, or byte[]), gzipped when asked. */
  static byte[] tar(Map<String, ?> files, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, ?> f : files.entrySet()) {
        byte[] b = f.getValue() instanceof byte[] raw ? raw : f.getValue().toString().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey(), true); // preserve the name as given (../, /)
        e.setSize(b.length);
        t.putArchiveEntry(e);
        t.write(b);
        t.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
      g.write(b);
    }
    return bytes.toByteArray();
  }

  @Test
  void onePaperPerArchive() throws Exception {
    Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "2101.00001.tar.gz",
        tar(Map.of("main.tex", MAIN, "sections/intro.tex", INTRO, "fig.png", new byte[100]), true));
    assertEquals(1, c.docs.size());
    var d = c.docs.get(0);
    assertEquals("2101.00001.tar.gz", d.id());
    assertEquals(MAIN.replace("\\input{sections/intro}", INTRO), d.rawContent());
    assertEquals("2101.00001", d.signals().string("arxiv_id"));
    assertEquals("main.tex", d.signals().string("latex_main"));
    assertEquals(2L, ((Number) d.signals().get("latex_files")).longValue());
    assertEquals("latex", CorpusFormats.standard().guess("2101.00001.tar.gz"));
    assertEquals("latex", CorpusFormats.standard().guess("paper.tgz"));
    assertEquals("latex", CorpusFormats.standard().guess("paper.tex"));
  }

  /** Entries that are not LaTeX are skipped through the bounded stream: what follows them must still be read whole. */
  @Test
  void largeSkippedEntriesKeepTheTarInStep() throws Exception {
    byte[] noise = new byte[3 << 20];
    new java.util.Random(7).nextBytes(noise);
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("a/figure.pdf", noise);
    files.put("a/main.tex", MAIN);
    files.put("a/sections/intro.tex", INTRO);
    files.put("b/data.bin", java.util.Arrays.copyOf(noise, 777_777));
    files.put("b/paper.tex", "\\documentclass{article}\\section{B}b");
    Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "big.tar.gz", tar(files, true));
    assertEquals(List.of(), c.drops);
    assertEquals(2, c.docs.size());
    assertEquals(MAIN.replace("\\input{sections/intro}", INTRO), c.docs.get(0).rawContent());
    assertEquals("\\documentclass{article}\\section{B}b", c.docs.get(1).rawContent());
  }

  @Test
  void onePaperPerTopLevelFolderAndArxivBulkLayout() throws Exception {
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("a/main.tex", MAIN);
    files.put("a/sections/intro.tex", INTRO);
    files.put("b/paper.tex", "\\documentclass{article}\\section{B}b");
    Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "two.tar", tar(files, false));
    assertEquals(2, c.docs.size());
    assertEquals("two.tar#a", c.docs.get(0).id());
    assertEquals("two.tar#b", c.docs.get(1).id());
    assertEquals("b", c.docs.get(1).signals().string("arxiv_id"));

    Map<String, Object> bulk = new LinkedHashMap<>();
    bulk.put("2101/2101.00001.gz", gzip(tar(Map.of("main.tex", MAIN, "sections/intro.tex", INTRO), false)));
    bulk.put("2101/2101.00002.gz", gzip("\\documentclass{article}\\section{One file}x".getBytes(StandardCharsets.UTF_8)));
    Collected b = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "arXiv_src_2101_001.tar", tar(bulk, false));
    assertEquals(2, b.docs.size());
    assertEquals("2101.00001", b.docs.get(0).signals().string("arxiv_id"));
    assertTrue(b.docs.get(0).rawContent().contains("We study"));
    assertEquals("\\documentclass{article}\\section{One file}x", b.docs.get(1).rawContent());
  }

  @Test
  void aSingleTexAndLatin1() throws Exception {
    Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "2101.00003.gz",
        gzip("\\section{Caf\u00e9}".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("\\section{Caf\u00e9}", c.docs.get(0).rawContent());
    assertEquals("iso-8859-1", c.docs.get(0).signals().string("charset"));
    assertEquals("2101.00003", c.docs.get(0).signals().string("arxiv_id"));
  }

  @Test
  void escapingPathsAreRefused() throws Exception {
    for (String evil : new String[] {"../etc/passwd.tex", "/abs/main.tex", "a/../../x.tex", "C:\\x.tex"}) {
      Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "evil.tar",
          tar(Map.of("main.tex", MAIN, evil, "x"), false));
      assertEquals(0, c.docs.size(), evil);
      assertEquals(DropReason.UNSAFE_ARCHIVE_PATH, c.drops.get(0).reason(), evil);
      assertTrue(c.drops.get(0).detail().contains(evil), c.drops.get(0).detail());
    }
    BadRecordException e = assertThrows(BadRecordException.class, () -> Collected.read("latex", Map.of(),
        BadRecordPolicy.FAIL, "evil.tar", tar(Map.of("../x.tex", "x"), false)));
    assertTrue(e.getMessage().startsWith("evil.tar: UNSAFE_ARCHIVE_PATH: tar entry '../x.tex' escapes"), e.getMessage());
  }

  @Test
  void aCompressionBombIsRefused() throws Exception {
    byte[] zeros = new byte[32 << 20];
    byte[] bomb = tar(Map.of("main.tex", MAIN, "huge.bin", zeros), true);
    assertTrue(bomb.length < 100_000);
    Collected c = Collected.read("latex", Map.of("max_expanded_bytes", 4 << 20), BadRecordPolicy.SKIP, "bomb.tar.gz",
        bomb);
    assertEquals(0, c.docs.size());
    assertEquals(DropReason.ARCHIVE_TOO_LARGE, c.drops.get(0).reason());
    assertTrue(c.drops.get(0).detail().contains("expands past 4194304 bytes"), c.drops.get(0).detail());
    // the same archive under the default limit is read
    assertEquals(1, Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "ok.tar.gz", bomb).docs.size());
  }

  @Test
  void damagedAndEmptyArchives() throws Exception {
    byte[] t = tar(Map.of("main.tex", MAIN), true);
    byte[] cut = java.util.Arrays.copyOf(t, t.length / 2);
    Collected c = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "cut.tar.gz", cut);
    assertEquals(DropReason.CORRUPT_ARCHIVE, c.drops.get(0).reason());
    Collected none = Collected.read("latex", Map.of(), BadRecordPolicy.SKIP, "pics.tar", tar(Map.of("a.png", "x"), false));
    assertEquals(DropReason.LATEX_NO_TEX, none.drops.get(0).reason());
  }

  /** Reads the loose file {@code f} as the read step does for a file of a named folder. */
  private static Collected readLoose(java.nio.file.Path f) throws IOException {
    Collected c = new Collected();
    var o = new dev.llamakit.pipelines.io.ReadOptions(false, "text", "id", "url", BadRecordPolicy.SKIP, false, Map.of());
    try (var in = java.nio.file.Files.newInputStream(f)) {
      c.metadata = CorpusFormats.standard().create("latex", Map.of()).reader(o, f.toString())
          .read(in, f.getFileName().toString(), "seg", 0, c);
    }
    return c;
  }

  @Test
  void aPaperInAFolderIsItsMainFileWithItsInputsAndThePartsAreCounted(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path paper = dir.resolve("2101.00001");
    java.nio.file.Files.createDirectories(paper.resolve("sections"));
    java.nio.file.Files.writeString(paper.resolve("main.tex"), MAIN);
    java.nio.file.Files.writeString(paper.resolve("sections/intro.tex"), INTRO);
    java.nio.file.Files.writeString(dir.resolve("single.tex"), "\\documentclass{article}\n\\begin{document}\n"
        + "\\section{Only}\nAlone.\n\\end{document}\n");
    java.nio.file.Files.writeString(dir.resolve("notes.tex"), "\\section{Notes}\nNo paper around me.\n");

    Collected main = readLoose(paper.resolve("main.tex"));
    assertEquals(1, main.docs.size());
    assertTrue(main.docs.get(0).rawContent().contains("We study"), "the \\input is inlined from the folder");
    assertEquals("main.tex", main.docs.get(0).signals().asMap().get("latex_main"));

    Collected part = readLoose(paper.resolve("sections/intro.tex"));
    assertEquals(List.of(), part.docs);
    assertEquals(DropReason.LATEX_PART_OF_PAPER, part.drops.get(0).reason());
    assertTrue(part.drops.get(0).detail().contains("main.tex"), part.drops.get(0).detail());

    Collected single = readLoose(dir.resolve("single.tex"));
    assertEquals(1, single.docs.size());
    assertTrue(single.docs.get(0).rawContent().contains("Alone."));
    assertTrue(!single.docs.get(0).rawContent().contains("We study"), "another paper's files are not inlined");

    Collected notes = readLoose(dir.resolve("notes.tex"));
    assertEquals(1, notes.docs.size(), "a file with no paper around it is a document of its own, as before");
  }
}
