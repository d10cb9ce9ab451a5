package dev.llamakit.pipelines.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Looks remote files up through Beam's {@code FileSystems} (S3 and HTTP(S)), many at once (both file systems ask
 * in parallel), turning every failure into an exception whose message is one line naming the location.
 */
public final class RemoteFiles {
  private RemoteFiles() {}

  /**
   * Registers Beam's file systems (local, S3, HTTP(S)) configured by these pipeline arguments, completed by the S3
   * settings of the environment: what a command calls before it looks inputs up, ahead of the pipeline itself.
   */
  public static void register(List<String> beamArgs) {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory
        .fromArgs(S3Settings.fromEnvironment().completing(beamArgs).toArray(String[]::new)).create());
  }

  /** One existing file per spec (no globs); a missing one is a {@link NoSuchFileException} naming it. */
  public static List<MatchResult.Metadata> require(List<String> specs, String context) throws IOException {
    List<MatchResult> results = match(specs);
    List<MatchResult.Metadata> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      MatchResult r = results.get(i);
      String spec = specs.get(i);
      if (r.status() == MatchResult.Status.NOT_FOUND) {
        throw new NoSuchFileException(spec, null, context == null ? "not found" : "not found (" + context + ")");
      }
      List<MatchResult.Metadata> m = metadata(spec, r);
      if (m.isEmpty()) {
        throw new NoSuchFileException(spec, null, "not found");
      }
      out.add(m.getFirst());
    }
    return out;
  }

  /** What a spec (a file, or a glob on S3) matches; empty when nothing does. */
  public static List<MatchResult.Metadata> list(String spec) throws IOException {
    MatchResult r = match(List.of(spec)).getFirst();
    return r.status() == MatchResult.Status.NOT_FOUND ? List.of() : metadata(spec, r);
  }

  private static List<MatchResult> match(List<String> specs) throws IOException {
    try {
      return FileSystems.match(specs);
    } catch (IOException | RuntimeException e) {
      throw new IOException(StorageErrors.describe(specs.size() == 1 ? specs.getFirst() : specs.getFirst()
          + " (and " + (specs.size() - 1) + " more)", e), e);
    }
  }

  private static List<MatchResult.Metadata> metadata(String spec, MatchResult r) throws IOException {
    try {
      return r.metadata();
    } catch (FileNotFoundException gone) {
      return List.of();
    } catch (IOException e) {
      throw new IOException(StorageErrors.describe(spec, e), e);
    }
  }
}
