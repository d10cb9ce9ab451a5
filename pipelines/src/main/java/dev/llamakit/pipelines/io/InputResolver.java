package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.TextLines;
import dev.llamakit.pipelines.beam.InputFile;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns what the user named — files, folders, glob patterns, or a paths file like Common Crawl's {@code wet.paths.gz}
 * with a base folder — into the sorted, numbered list of input files of a run. A name that matches nothing, or a
 * file that cannot be read, is an error naming it, before anything runs.
 */
public final class InputResolver {
  private final InputFile.Format forced;

  /** @param forced the format for every file, or null to guess from each file name */
  public InputResolver(InputFile.Format forced) {
    this.forced = forced;
  }

  /**
   * Refuses a remote location up front with one clear line: {@code https://} and {@code s3://} inputs are not read
   * yet (a {@code Path} would quietly turn {@code https://host} into {@code https:/host} and fail later as "not
   * found").
   */
  public static String requireLocal(String what, String location) {
    if (location != null && location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !location.startsWith("file://")) {
      throw new IllegalArgumentException(what + " " + location + ": remote locations (https://, s3://, …) are not "
          + "read yet; download the files and name their local folder");
    }
    return location;
  }

  public List<InputFile> resolve(List<String> inputs, Path pathsFile, Path base) throws IOException {
    for (String in : inputs) {
      requireLocal("input", in);
    }
    List<Path> paths = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    for (String in : inputs) {
      for (Path p : expand(in)) {
        paths.add(p);
        segments.add(p.getFileName().toString());
      }
    }
    if (pathsFile != null) {
      Path root = base != null ? base : pathsFile.toAbsolutePath().getParent();
      for (String rel : readPathsFile(pathsFile)) {
        Path p = root.resolve(rel);
        if (!Files.isRegularFile(p)) {
          throw new NoSuchFileException(p.toString(), null, "listed in " + pathsFile + " but not found under " + root);
        }
        paths.add(p);
        segments.add(rel);
      }
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no input files: name files, folders, globs or --paths");
    }
    List<InputFile> out = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < paths.size(); i++) {
      Path p = paths.get(i).toAbsolutePath().normalize();
      if (!seen.add(p.toString())) {
        continue;
      }
      if (!Files.isReadable(p)) {
        throw new java.nio.file.AccessDeniedException(p.toString(), null, "input file cannot be read");
      }
      InputFile.Format f = forced != null ? forced : InputFile.Format.guess(p.getFileName().toString());
      if (f == null) {
        throw new IllegalArgumentException(p + ": cannot tell the format from the name (.warc.wet[.gz] or "
            + ".jsonl[.gz]); set the read step's format (--set read.format=wet or jsonl; --format on pipeline ccnet)");
      }
      out.add(new InputFile(out.size(), p.toString(), segments.get(i), f));
    }
    return out;
  }

  /** A file, every corpus file under a folder (sorted), or the files a glob matches (sorted). */
  private List<Path> expand(String in) throws IOException {
    Path p = Path.of(in);
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        List<Path> files = s.filter(Files::isRegularFile)
            .filter(f -> forced != null || InputFile.Format.guess(f.getFileName().toString()) != null)
            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        if (files.isEmpty()) {
          throw new NoSuchFileException(in, null, "folder holds no .warc.wet[.gz] or .jsonl[.gz] file");
        }
        return files;
      }
    }
    if (in.contains("*") || in.contains("?") || in.contains("[") || in.contains("{")) {
      int cut = firstGlobChar(in);
      int slash = in.lastIndexOf('/', cut);
      Path dir = slash < 0 ? Path.of(".") : Path.of(in.substring(0, slash + 1));
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(in).toAbsolutePath().normalize());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          List<Path> files = s.filter(Files::isRegularFile)
              .filter(f -> m.matches(f.toAbsolutePath().normalize())).sorted().toList();
          if (!files.isEmpty()) {
            return files;
          }
        }
      }
      throw new NoSuchFileException(in, null, "no file matches this pattern");
    }
    throw new NoSuchFileException(in, null, "no such input file or folder");
  }

  private static int firstGlobChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** Lines of a paths file (gzip when named .gz, strict UTF-8); blank lines and {@code #} comments skipped. */
  static List<String> readPathsFile(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    TextLines.forEach(f, (line, n) -> {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    });
    return out;
  }
}
