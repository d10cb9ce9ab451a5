package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.TextLines;
import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.storage.Locations;
import dev.llamakit.pipelines.storage.RemoteFiles;
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
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Turns what the user named — files, folders, glob patterns, or a paths file like Common Crawl's {@code wet.paths.gz}
 * with a base folder — into the sorted, numbered list of input files of a run. Inputs and the base may be remote
 * ({@code s3://}, {@code http(s)://}, read through Beam's {@code FileSystems}; see {@code storage}). A name that
 * matches nothing, or a file that cannot be read, is an error naming it, before anything runs: every remote file is
 * looked up first (in parallel), so a missing object or an unreachable server is one line naming the URL.
 */
public final class InputResolver {
  private final String forced;

  /** @param forced the format for every file, or null to guess from each file name */
  public InputResolver(String forced) {
    this.forced = forced;
  }

  /**
   * @param inputs local files, folders or globs; {@code s3://} objects, prefixes ("folders") or globs; {@code http(s)://}
   *     files
   * @param pathsFile a local paths file like Common Crawl's {@code wet.paths.gz}, or null
   * @param base what the paths file's entries are relative to: a local folder, {@code s3://bucket/prefix} or
   *     {@code https://host/}; null for the paths file's own folder
   */
  public List<InputFile> resolve(List<String> inputs, Path pathsFile, String base) throws IOException {
    List<String> locations = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    for (String in : inputs) {
      if (Locations.isRemote("input", in)) {
        for (String l : expandRemote(in)) {
          locations.add(l);
          segments.add(Locations.fileName(l));
        }
        continue;
      }
      Path named = Path.of(in);
      boolean tree = forced != null && Files.isDirectory(named) && CorpusFormats.standard().isTree(forced);
      Path top = named.toAbsolutePath().normalize();
      for (Path p : expand(in)) {
        locations.add(p.toAbsolutePath().normalize().toString());
        segments.add(tree ? treeSegment(top, p.toAbsolutePath().normalize()) : p.getFileName().toString());
      }
    }
    if (pathsFile != null) {
      List<String> listed = readPathsFile(pathsFile);
      if (base != null && Locations.isRemote("--base", base)) {
        List<String> urls = listed.stream().map(rel -> Locations.join(base, rel)).toList();
        RemoteFiles.require(urls, "listed in " + pathsFile);
        locations.addAll(urls);
        segments.addAll(listed);
      } else {
        Path root = base != null ? Locations.localPath(base) : pathsFile.toAbsolutePath().getParent();
        for (String rel : listed) {
          Path p = root.resolve(rel);
          if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "listed in " + pathsFile + " but not found under " + root);
          }
          locations.add(p.toAbsolutePath().normalize().toString());
          segments.add(rel);
        }
      }
    }
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("no input files: name files, folders, globs or --paths");
    }
    List<InputFile> out = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (int i = 0; i < locations.size(); i++) {
      String l = locations.get(i);
      if (!seen.add(l)) {
        continue;
      }
      if (Locations.scheme(l).equals("file") && !Files.isReadable(Path.of(l))) {
        throw new java.nio.file.AccessDeniedException(l, null, "input file cannot be read");
      }
      String f = forced != null ? forced : CorpusFormats.standard().guess(Locations.fileName(l));
      if (f == null) {
        throw new IllegalArgumentException(l + ": cannot tell the format from the name ("
            + CorpusFormats.standard().describeSuffixes() + "); set the read step's format (--set read.format="
            + String.join("|", CorpusFormats.standard().names()) + "; --format on pipeline ccnet)");
      }
      out.add(new InputFile(out.size(), l, segments.get(i), f));
    }
    return out;
  }

  /**
   * A remote input: an http(s) file (no listing there); an S3 object, the corpus files under an S3 prefix (a
   * "folder", sorted), or the objects an S3 glob matches (sorted).
   */
  private List<String> expandRemote(String in) throws IOException {
    if (Locations.isHttp(in)) {
      if (Locations.isGlob(in) || in.endsWith("/")) {
        throw new IllegalArgumentException("input " + in + ": an HTTP server cannot be listed; name files, or list "
            + "them in a paths file (--paths FILE --base URL)");
      }
      RemoteFiles.require(List.of(in), null);
      return List.of(in);
    }
    if (Locations.isGlob(in)) {
      List<String> files = names(RemoteFiles.list(in));
      if (files.isEmpty()) {
        throw new NoSuchFileException(in, null, "no object matches this pattern");
      }
      return files;
    }
    if (!in.endsWith("/")) {
      List<String> one = names(RemoteFiles.list(in));
      if (!one.isEmpty()) {
        return one;
      }
    }
    List<String> under = names(RemoteFiles.list(Locations.join(in, "**"))).stream()
        .filter(l -> !Locations.fileName(l).startsWith("."))
        .filter(l -> forced != null || CorpusFormats.standard().guess(Locations.fileName(l)) != null).toList();
    if (under.isEmpty()) {
      throw new NoSuchFileException(in, null, "no such object, and no corpus object under it ("
          + CorpusFormats.standard().describeSuffixes() + ")");
    }
    return under;
  }

  private static List<String> names(List<MatchResult.Metadata> found) {
    return found.stream().filter(m -> !m.resourceId().isDirectory()).map(m -> m.resourceId().toString()).sorted()
        .toList();
  }

  /** A file, every corpus file under a folder (sorted), or the files a glob matches (sorted). */
  private List<Path> expand(String in) throws IOException {
    Path p = Path.of(in);
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        boolean tree = forced != null && CorpusFormats.standard().isTree(forced);
        List<Path> files = s.filter(Files::isRegularFile)
            .filter(f -> !tree || !underGit(p.relativize(f)))
            .filter(f -> forced != null || CorpusFormats.standard().guess(f.getFileName().toString()) != null)
            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        if (files.isEmpty()) {
          throw new NoSuchFileException(in, null, "folder holds no corpus file ("
              + CorpusFormats.standard().describeSuffixes() + ")");
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

  /** True when a path under a checkout lies in a {@code .git} folder (git's own objects are not source files). */
  private static boolean underGit(Path rel) {
    for (Path part : rel) {
      if (part.toString().equals(".git")) {
        return true;
      }
    }
    return false;
  }

  /** {@code repo/relative/path} with forward slashes: the folder's own name, then the file's path under it. */
  private static String treeSegment(Path top, Path file) {
    String rel = top.relativize(file).toString().replace('\\', '/');
    Path name = top.getFileName();
    return (name == null ? "" : name + "/") + rel;
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
