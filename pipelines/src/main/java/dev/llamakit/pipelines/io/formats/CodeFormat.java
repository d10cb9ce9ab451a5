package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.code.RepoLicences;
import dev.llamakit.pipelines.code.SourceBytes;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.Signals;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.pipelines.doc.Drop;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder or a git checkout: every file under the named folder is one document (the {@code .git/} folder and dot
 * files are skipped), named {@code repo/path} where {@code repo} is the folder's name. A binary file (a NUL byte in
 * its first 8000 bytes, or not UTF-8) is a {@code BINARY_FILE} drop, a file over {@code max_file_bytes} a
 * {@code FILE_TOO_LARGE} drop (both are content, not damage: dropped under {@code on_bad_record: fail} too).
 * Provenance rides as signals: {@code repo_name}, {@code path}, and {@code license},
 * the SPDX id of the licence in the folder's root LICENSE/LICENCE/COPYING file (local inputs; see
 * {@code code.RepoLicences}) or the {@code license} option when set.
 *
 * <pre>{@code
 * llamakit pipeline github checkouts/zlib checkouts/requests -o out/     # the github preset reads folders as code
 * }</pre>
 */
public final class CodeFormat implements CorpusFormat {
  /** The format's options. */
  public static final class Params implements java.io.Serializable {
    /** Files larger than this many bytes are dropped as FILE_TOO_LARGE (The Stack's limit: 1 MB). */
    public long maxFileBytes = 1_000_000L;
    /** Read the licence from the folder's root LICENSE/COPYING file. */
    public boolean detectLicense = true;
    /** An SPDX id for every file (wins over detection); empty for none. */
    public String license = "";
  }

  private final Params p;

  public CodeFormat(Params p) {
    if (p.maxFileBytes < 1 || p.maxFileBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("max_file_bytes must be between 1 and " + (Integer.MAX_VALUE - 16));
    }
    this.p = p;
  }

  @Override
  public List<String> suffixes() {
    return List.of(); // a source file has any name: the format is chosen, never guessed
  }

  @Override
  public boolean tree() {
    return true;
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return reader(options, null);
  }

  @Override
  public CorpusReader reader(ReadOptions options, String location) {
    return (raw, name, segment, fileIndex, sink) -> {
      int slash = segment == null ? -1 : segment.indexOf('/');
      String repo = slash < 0 ? null : segment.substring(0, slash);
      String path = slash < 0 ? name : segment.substring(slash + 1);
      String id = repo == null ? path : repo + "/" + path;
      byte[] b = raw.readNBytes((int) p.maxFileBytes + 1);
      if (b.length > p.maxFileBytes) {
        sink.drop(new Drop(id, null, DropReason.FILE_TOO_LARGE, "larger than " + p.maxFileBytes + " bytes"));
        return 0;
      }
      String text = SourceBytes.text(b, b.length);
      if (text == null) {
        sink.drop(new Drop(id, null, DropReason.BINARY_FILE, SourceBytes.whyBinary(b, b.length)));
        return 0;
      }
      Signals s = Signals.EMPTY;
      if (repo != null) {
        s = s.with("repo_name", repo);
      }
      s = s.with("path", path);
      String licence = !p.license.isEmpty() ? p.license
          : p.detectLicense && repo != null && isLocal(location) ? RepoLicences.of(root(location, path)) : null;
      if (licence != null) {
        s = s.with("license", licence);
      }
      int nlines = text.isEmpty() ? 0 : text.split("\n", -1).length;
      sink.document(new Document(id, fileIndex << 40, null, null, null, PyText.len(text), nlines, null, null, text,
          null, null, null, null, null, s));
      return 0;
    };
  }

  private static boolean isLocal(String location) {
    return location != null && !location.contains("://");
  }

  /** The checkout's root: the file's location with {@code path}'s components taken off. */
  private static Path root(String location, String path) {
    Path r = Path.of(location);
    for (int i = 0, n = path.split("/").length; i < n && r != null; i++) {
      r = r.getParent();
    }
    return r;
  }
}
