package dev.llamakit.pipelines.io.formats;

import dev.llamakit.engine.io.Utf8;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.io.BadRecords;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.latex.LatexProject;
import dev.llamakit.pipelines.text.PyText;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * arXiv's LaTeX sources: a single {@code .tex} (optionally gzipped, as arXiv serves one-file submissions), or a
 * {@code .tar}/{@code .tar.gz}/{@code .tgz}/{@code .tar.bz2} holding one paper, one paper per top-level folder, or
 * (arXiv's bulk layout) one gzipped paper per entry ({@code 2101/2101.00001.gz}, itself a tar or a single file). Each
 * paper is flattened by {@link LatexProject} (main file by {@code \documentclass}, {@code \input}/{@code \include}
 * inlined, bounded) into one document; the {@code arxiv_clean} rule cleans it.
 *
 * <p>Provenance signals: {@code arxiv_id} (the archive's, folder's or entry's name without extensions),
 * {@code latex_main}, {@code latex_files}, {@code latex_missing_inputs}; {@code charset} when a file was not UTF-8
 * (read as ISO-8859-1). Refused, as one counted drop of the whole input (or an error naming it under
 * {@code on_bad_record: fail}): an input expanding past {@code max_expanded_bytes} ({@code ARCHIVE_TOO_LARGE}: a
 * compression bomb stops there, unread), a tar entry whose path escapes the archive ({@code UNSAFE_ARCHIVE_PATH}:
 * {@code ../}, an absolute or drive path), a damaged stream ({@code CORRUPT_ARCHIVE}); a paper without {@code .tex}
 * files is {@code LATEX_NO_TEX}. Archives are never unpacked to disk.
 */
public final class LatexFormat implements CorpusFormat {
  /** The format's options ({@code format_params}). */
  public static final class Params implements java.io.Serializable {
    /** The most bytes an input may expand to (every entry counts, also those skipped): the compression-bomb limit. */
    public long maxExpandedBytes = 1L << 30;
    /** The longest flattened paper, in characters; inlining stops there. */
    public long maxPaperChars = 64L << 20;
    /** How deep {@code \input} may nest (a file including itself stops here). */
    public int maxInputDepth = 8;
  }

  private final Params p;

  public LatexFormat(Params p) {
    if (p.maxExpandedBytes < 1 || p.maxPaperChars < 1 || p.maxInputDepth < 0) {
      throw new IllegalArgumentException("max_expanded_bytes and max_paper_chars must be at least 1, "
          + "max_input_depth at least 0");
    }
    this.p = p;
  }

  @Override
  public List<String> suffixes() {
    return List.of(".tex", ".ltx", ".tar", ".tgz");
  }

  /** An entry path that escapes the archive. */
  private static final class UnsafePath extends IOException {
    UnsafePath(String entry) {
      super("tar entry '" + entry + "' escapes the archive (absolute path or '..')");
    }
  }

  /** How many folders up from a loose {@code .tex} file its paper's main file is looked for. */
  private static final int PAPER_LEVELS = 2;
  /** The most {@code .tex} files read from one paper's folder tree. */
  private static final int MAX_FOLDER_FILES = 2_000;

  @Override
  public CorpusReader reader(ReadOptions options) {
    return reader(options, null);
  }

  /**
   * For a loose local {@code .tex} file (one named, or found in a named folder), the paper is read from the disk around
   * it: a file with {@code \documentclass} is a paper's main file, its {@code \input}s resolved among the {@code .tex}
   * files of its folder and below; a file without one that a main file in its folder or up to two folders up includes
   * is a part of that paper ({@code LATEX_PART_OF_PAPER}, counted, its text inside the main file's document); any other file is a
   * paper of its own, as before.
   */
  @Override
  public CorpusReader reader(ReadOptions options, String location) {
    CorpusReader archive = archiveReader(options);
    if (location == null || location.contains("://")) {
      return archive;
    }
    String lower = location.toLowerCase(java.util.Locale.ROOT);
    if (!lower.endsWith(".tex") && !lower.endsWith(".ltx")) {
      return archive;
    }
    return (raw, name, segment, fileIndex, sink) -> {
      byte[] b = Decompression.open(raw, p.maxExpandedBytes, name).readAllBytes();
      String text = decode(b);
      java.nio.file.Path file = java.nio.file.Path.of(location).toAbsolutePath().normalize();
      if (LatexProject.isMain(text)) {
        Map<String, byte[]> files;
        try {
          files = folderTex(file.getParent(), name);
        } catch (Decompression.ExpansionLimit e) {
          BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.ARCHIVE_TOO_LARGE, e.getMessage());
          return 0;
        }
        files.put(file.getFileName().toString(), b);
        emit(name, files, file.getFileName().toString(), name, (fileIndex << 40) | 1, segment, options, sink);
        return 0;
      }
      String main = mainAbove(file);
      if (main != null) {
        sink.drop(new dev.llamakit.pipelines.doc.Drop(name, null, DropReason.LATEX_PART_OF_PAPER,
            "no \\documentclass; part of the paper whose main file is " + main));
        return 0;
      }
      return archive.read(new java.io.ByteArrayInputStream(b), name, segment, fileIndex, sink);
    };
  }

  /** The .tex files under {@code dir} (paths relative to it), bounded in count and bytes. */
  private Map<String, byte[]> folderTex(java.nio.file.Path dir, String name) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    long bytes = 0;
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) s.filter(java.nio.file.Files::isRegularFile)
          .filter(LatexFormat::isTexName).sorted().limit(MAX_FOLDER_FILES)::iterator) {
        long size = java.nio.file.Files.size(f);
        if (bytes + size > p.maxExpandedBytes) {
          throw new Decompression.ExpansionLimit(name + ": the .tex files of its folder", p.maxExpandedBytes);
        }
        bytes += size;
        files.put(dir.relativize(f).toString().replace('\\', '/'), java.nio.file.Files.readAllBytes(f));
      }
    }
    return files;
  }

  /** The main file, in {@code file}'s folder or up to two folders up, that includes it; or null. */
  private static String mainAbove(java.nio.file.Path file) throws IOException {
    java.nio.file.Path dir = file.getParent();
    for (int level = 0; level <= PAPER_LEVELS && dir != null; level++, dir = dir.getParent()) {
      try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
        for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) s.filter(java.nio.file.Files::isRegularFile)
            .filter(LatexFormat::isTexName).sorted()::iterator) {
          if (f.equals(file) || java.nio.file.Files.size(f) >= (64L << 20)) {
            continue;
          }
          String text = decode(java.nio.file.Files.readAllBytes(f));
          if (LatexProject.isMain(text)
              && LatexProject.includes(text, dir.relativize(file).toString().replace('\\', '/'))) {
            return dir.relativize(f).toString();
          }
        }
      }
    }
    return null;
  }

  private static boolean isTexName(java.nio.file.Path f) {
    String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".tex") || n.endsWith(".ltx");
  }

  private static String decode(byte[] b) {
    String s = Utf8.decodeOrNull(b, 0, b.length);
    return Decompression.normalizeNewlines(s != null ? s : new String(b, StandardCharsets.ISO_8859_1));
  }

  private CorpusReader archiveReader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> {
      Map<String, Map<String, byte[]>> papers;
      try {
        papers = papers(raw, name);
      } catch (Decompression.ExpansionLimit e) {
        BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.ARCHIVE_TOO_LARGE, e.getMessage());
        return 0;
      } catch (UnsafePath e) {
        BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.UNSAFE_ARCHIVE_PATH, e.getMessage());
        return 0;
      } catch (IOException | RuntimeException e) {
        BadRecords.report(sink, options.onBadRecord(), name, null, DropReason.CORRUPT_ARCHIVE,
            "cannot read the archive: " + e.getMessage());
        return 0;
      }
      long n = 0;
      for (Map.Entry<String, Map<String, byte[]>> paper : papers.entrySet()) {
        n++;
        String id = papers.size() == 1 ? name : name + "#" + paper.getKey();
        emit(paper.getKey(), paper.getValue(), null, id, (fileIndex << 40) | n, segment, options, sink);
      }
      return 0;
    };
  }

  /** One paper's document; {@code main} names its main file, or null to pick it by {@code \documentclass}. */
  private void emit(String key, Map<String, byte[]> files, String main, String id, long ordinal, String segment,
      ReadOptions options, RecordSink sink) {
    Map<String, String> tex = new LinkedHashMap<>();
    boolean latin1 = false;
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      byte[] b = f.getValue();
      String s = Utf8.decodeOrNull(b, 0, b.length);
      if (s == null) {
        latin1 = true;
        s = new String(b, StandardCharsets.ISO_8859_1);
      }
      tex.put(f.getKey(), Decompression.normalizeNewlines(s));
    }
    if (tex.isEmpty()) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.LATEX_NO_TEX, "no .tex file in '" + key + "'");
      return;
    }
    LatexProject.Flat flat = LatexProject.flatten(tex, main, p.maxInputDepth, p.maxPaperChars);
    String text = flat.text();
    Document d = Document.read(id, ordinal, null, null, null, PyText.len(text), TextFormat.lineCount(text), null, null,
        text, segment).withSignal("arxiv_id", stem(key)).withSignal("latex_files", (long) flat.files())
        .withSignal("latex_missing_inputs", (long) flat.missing());
    if (flat.main() != null) {
      d = d.withSignal("latex_main", flat.main());
    }
    if (latin1) {
      d = d.withSignal("charset", "iso-8859-1");
    }
    sink.document(d);
  }

  /** The papers of one input: paper key → (path → bytes of its .tex files). */
  private Map<String, Map<String, byte[]>> papers(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Decompression.open(raw, p.maxExpandedBytes, name), 1 << 16);
    Map<String, Map<String, byte[]>> papers = new TreeMap<>();
    if (!isTar(in)) {
      papers.put(name, Map.of(name, in.readAllBytes()));
      return papers;
    }
    Map<String, byte[]> files = new TreeMap<>();
    readTar(in, files, papers, true, name);
    if (files.isEmpty() && !papers.isEmpty()) {
      return papers;
    }
    boolean rootTex = files.keySet().stream().anyMatch(f -> f.indexOf('/') < 0);
    if (rootTex || files.isEmpty()) {
      papers.put(name, files);
    } else {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        int slash = f.getKey().indexOf('/');
        papers.computeIfAbsent(f.getKey().substring(0, slash), k -> new TreeMap<>())
            .put(f.getKey().substring(slash + 1), f.getValue());
      }
    }
    return papers;
  }

  private static boolean isTar(BufferedInputStream in) throws IOException {
    in.mark(1024);
    byte[] head = in.readNBytes(512);
    in.reset();
    return head.length == 512 && TarArchiveInputStream.matches(head, head.length);
  }

  /** Reads a tar's .tex files into {@code files}; at the top level, gzipped entries are papers of their own. */
  private void readTar(InputStream in, Map<String, byte[]> files, Map<String, Map<String, byte[]>> papers,
      boolean top, String name) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      String path = safePath(e.getName());
      if (!e.isFile() || path.isEmpty()) {
        continue; // folders, links (never followed), devices
      }
      String lower = path.toLowerCase(java.util.Locale.ROOT);
      if (lower.endsWith(".tex") || lower.endsWith(".ltx")) {
        files.put(path, tar.readAllBytes());
      } else if (top && lower.endsWith(".gz")) {
        // arXiv's bulk tars: one gzipped paper per entry (a tar, or a single .tex)
        String key = path.substring(0, path.length() - 3);
        BufferedInputStream nested = new BufferedInputStream(Decompression.bounded(new GZIPInputStream(
            new NonClosing(tar)), p.maxExpandedBytes, name + "!" + path), 1 << 16);
        Map<String, byte[]> paper = new TreeMap<>();
        if (isTar(nested)) {
          readTar(nested, paper, papers, false, name);
        } else {
          paper.put(key.substring(key.lastIndexOf('/') + 1) + ".tex", nested.readAllBytes());
        }
        papers.put(key, paper);
      }
    }
  }

  /** The entry's path, normalised ({@code ./} dropped); an escaping path is an {@link UnsafePath}. */
  static String safePath(String entry) throws UnsafePath {
    String s = entry.replace('\\', '/');
    if (s.startsWith("/") || s.matches("^[A-Za-z]:.*")) {
      throw new UnsafePath(entry);
    }
    StringBuilder out = new StringBuilder();
    for (String part : s.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnsafePath(entry);
      }
      out.append(out.isEmpty() ? "" : "/").append(part);
    }
    return out.toString();
  }

  private static String stem(String key) {
    String s = key.substring(key.lastIndexOf('/') + 1);
    for (String ext : new String[] {".gz", ".bz2", ".tgz", ".tar", ".tex", ".ltx"}) {
      if (s.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
        s = s.substring(0, s.length() - ext.length());
      }
    }
    return s;
  }

  /** Lets a nested stream be read without closing the tar around it. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
