package dev.llamakit.pipelines.filters.quality;

import dev.llamakit.pipelines.io.TextFiles;
import dev.llamakit.safety.data.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classifier's training documents and cuts them into page-sized pieces.
 *
 * <p>A file ending in {@code .jsonl}, {@code .json} or {@code .ndjson} (optionally {@code .gz}) holds one JSON object
 * per line, the text in {@code textField}; any other file is plain UTF-8 text, either one document per file
 * ({@link Unit#FILE}) or per line ({@link Unit#LINE}). A document longer than {@code chunkChars} is cut at line
 * breaks into pieces of at least {@code chunkChars} characters (a short tail joins the piece before it), so a book
 * becomes many page-sized examples; every piece keeps its document as its split group, so the pieces of one
 * document all land on the same side of the train/validation split.
 */
public final class QualityCorpus {

  /** How a plain-text file is cut into documents. */
  public enum Unit { FILE, LINE }

  /**
   * One input: its files, the source name it is reported under (several files may share one), its label.
   */
  public record Source(String name, String label, List<Path> files) {}

  /** How to read and cut documents. {@code chunkChars} 0 keeps documents whole; shorter pieces than {@code minChars} are skipped. */
  public record Reading(String textField, Unit unit, int chunkChars, int minChars) {}

  private QualityCorpus() {}

  /**
   * Parses {@code NAME=PATH} or {@code PATH} arguments into sources (a bare path is its own source, named by its file
   * name without extensions), merging files that share a name, in first-seen order.
   */
  public static List<Source> sources(List<String> args, String label) {
    java.util.LinkedHashMap<String, List<Path>> m = new java.util.LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String name;
      Path p;
      if (eq > 0 && !a.substring(0, eq).contains("/")) {
        name = a.substring(0, eq);
        p = Path.of(a.substring(eq + 1));
      } else {
        p = Path.of(a);
        name = p.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.[^.]+$", "");
      }
      m.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
    }
    List<Source> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new Source(k, label, List.copyOf(v))));
    return out;
  }

  /** Every piece of every document of {@code s}, as labelled examples grouped by document. */
  public static List<Example> read(Source s, Reading r) throws IOException {
    List<Example> out = new ArrayList<>();
    for (Path f : s.files()) {
      if (!Files.isRegularFile(f)) {
        throw new IOException("training file " + f + " not found");
      }
      List<String> docs = documents(f, r);
      for (int i = 0; i < docs.size(); i++) {
        String group = s.name() + ":" + f.getFileName() + "#" + i;
        for (String piece : chunks(docs.get(i), r.chunkChars())) {
          if (piece.strip().length() >= r.minChars()) {
            out.add(new Example(piece, s.label(), s.name(), group));
          }
        }
      }
    }
    return out;
  }

  /** The documents of one file. */
  static List<String> documents(Path f, Reading r) throws IOException {
    List<String> docs = new ArrayList<>();
    if (!TextFiles.isJsonLines(f) && r.unit() == Unit.FILE) {
      docs.add(TextFiles.readAll(f));
    } else {
      TextFiles.forEachText(f, r.textField(), docs::add);
    }
    return docs;
  }

  /**
   * Cuts {@code text} at line breaks into pieces of at least {@code chunkChars} characters; a tail shorter than
   * half of that joins the piece before it. {@code chunkChars} 0: the text is one piece.
   */
  public static List<String> chunks(String text, int chunkChars) {
    List<String> out = new ArrayList<>();
    if (chunkChars <= 0 || text.length() <= chunkChars) {
      out.add(text);
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      if (cur.length() > 0) {
        cur.append('\n');
      }
      cur.append(line);
      if (cur.length() >= chunkChars) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      if (cur.length() < chunkChars / 2 && !out.isEmpty()) {
        out.set(out.size() - 1, out.getLast() + "\n" + cur);
      } else {
        out.add(cur.toString());
      }
    }
    return out;
  }
}
