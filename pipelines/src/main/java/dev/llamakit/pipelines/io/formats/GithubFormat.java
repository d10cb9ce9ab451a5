package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.Signals;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.JsonlReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines of source files, one file a line, as RedPajama-V1's BigQuery export ({@code repo_name, path, license,
 * content}) or The Stack ({@code max_stars_repo_name, max_stars_repo_path, max_stars_repo_licenses, content}: set the
 * field options). Read as {@code jsonl} with the text in {@code content_field}; the repository, path and licence
 * fields become the signals {@code repo_name}, {@code path} and {@code license} (a licence list stays a list), every
 * other field rides through as with {@code jsonl}. A record without an id of its own is named {@code repo/path}. A
 * content with a NUL character is a {@code BINARY_FILE} drop.
 *
 * <pre>{@code
 * steps: [{read: {format: github, format_params: {repo_field: max_stars_repo_name, path_field: max_stars_repo_path,
 *                                                 license_field: max_stars_repo_licenses}}}, ...]
 * }</pre>
 */
public final class GithubFormat implements CorpusFormat {
  /** Which fields hold what. */
  public static final class Params implements java.io.Serializable {
    /** The file's text. */
    public String contentField = "content";
    /** The repository name ({@code owner/name}). */
    public String repoField = "repo_name";
    /** The file's path in the repository. */
    public String pathField = "path";
    /** The licence: an SPDX id or a list of them. */
    public String licenseField = "license";
  }

  private final Params p;

  public GithubFormat(Params p) {
    this.p = p;
  }

  @Override
  public List<String> suffixes() {
    return List.of(); // JSONL files of any name: the format is chosen, never guessed
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    ReadOptions read = new ReadOptions(options.titleFromFirstLine(), p.contentField, options.idField(),
        options.urlField(), options.onBadRecord(), options.ccNetLineFraming(), options.formatParams(), true);
    Map<String, String> canonical = Map.of(p.repoField, "repo_name", p.pathField, "path", p.licenseField, "license");
    return (raw, name, segment, fileIndex, sink) -> {
      RecordSink files = new RecordSink() {
        @Override
        public void document(Document d) {
          Document f = provenance(d, canonical, options);
          int nul = f.rawContent().indexOf('\0');
          if (nul >= 0) {
            sink.drop(new Drop(f.id(), f.url(), DropReason.BINARY_FILE, "NUL character at offset " + nul));
            return;
          }
          sink.document(f);
        }

        @Override
        public void drop(Drop d) {
          sink.drop(d);
        }
      };
      new JsonlReader(read).read(raw, name, segment, fileIndex, files);
      return 0;
    };
  }

  /**
   * The document with its provenance first under canonical names ({@code repo_name, path, license}), then the other
   * fields (all of them, or none when the read step's {@code keep_fields} is false), named {@code repo/path} when
   * the record had no id of its own.
   */
  private static Document provenance(Document d, Map<String, String> canonical, ReadOptions options) {
    Signals in = d.signals();
    Signals s = Signals.EMPTY;
    for (String field : List.of("repo_name", "path", "license")) {
      for (Map.Entry<String, String> e : canonical.entrySet()) {
        if (e.getValue().equals(field) && in.get(e.getKey()) != null) {
          s = s.with(field, in.get(e.getKey()));
        }
      }
    }
    boolean ownId = options.idField() != null && in.get(options.idField()) != null;
    if (options.keepFields()) {
      for (Map.Entry<String, Object> e : in.asMap().entrySet()) {
        if (!canonical.containsKey(e.getKey())) {
          s = s.with(e.getKey(), e.getValue());
        }
      }
    }
    String id = d.id();
    if (!ownId && s.get("repo_name") != null && s.get("path") != null) {
      id = s.string("repo_name") + "/" + s.string("path");
    }
    return new Document(id, d.ordinal(), d.url(), d.dateDownload(), d.digest(), d.length(), d.nlines(),
        d.sourceDomain(), d.title(), d.rawContent(), d.ccSegment(), d.lineHashes(), d.dedup(), d.language(),
        d.safety(), s);
  }
}
