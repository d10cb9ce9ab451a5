package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.storage.Locations;
import dev.llamakit.pipelines.storage.RemoteFiles;
import dev.llamakit.pipelines.storage.StorageErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * An output "folder" on S3 ({@code s3://bucket/prefix}): the run writes under a staging prefix beside it
 * ({@code s3://bucket/.prefix.staging-<run id>/}), and publishing copies every object into place server-side, the
 * report last, then deletes the staging objects. S3 has no atomic rename of a prefix, so publishing is not atomic
 * the way a local folder swap is: while it runs, the output prefix holds the old report's absence and a mix of
 * objects, never a {@code report.json} next to an incomplete set. The old {@code report.json} is deleted first and
 * the new one written last, so a reader that waits for {@code report.json} always sees one complete output. A failed
 * run deletes its staging objects (also on Ctrl-C); a run killed hard leaves them, with an owner object naming its
 * host and process: the next run into the same output from that host deletes them once that process is gone (from
 * another host they are left, to delete by hand or with a bucket lifecycle rule).
 */
final class RemoteOutput {
  static final String REPORT = "report.json";
  static final String OWNER = ".owner";
  private final String out;
  private final String staging;

  RemoteOutput(String out, String runId) {
    this.out = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    this.staging = Locations.join(Locations.parent(this.out),
        RecipeJob.STAGING_PREFIX.formatted(Locations.fileName(this.out)) + runId);
  }

  String location() {
    return out;
  }

  String staging() {
    return staging;
  }

  /** Fails in one line when the output exists and may not be replaced, or the bucket cannot be reached. */
  void checkWritable(boolean overwrite) throws IOException {
    if (!objects(out).isEmpty() && !overwrite) {
      throw new FileAlreadyExistsException(out, null, "output exists; pass --overwrite to replace it");
    }
  }

  /**
   * Staging prefixes of earlier runs into this output that were started on this host by a process that is gone
   * (killed hard): never a result, so deleted. Others are left alone.
   */
  void removeAbandonedStaging() throws IOException {
    String owners = Locations.join(Locations.parent(out),
        RecipeJob.STAGING_PREFIX.formatted(Locations.fileName(out)) + "*/" + OWNER);
    for (MatchResult.Metadata m : RemoteFiles.list(owners)) {
      String[] owner;
      try (var in = Channels.newInputStream(FileSystems.open(m.resourceId()))) {
        owner = new String(in.readNBytes(1024), java.nio.charset.StandardCharsets.UTF_8).strip().split(" ");
      }
      if (owner.length == 2 && owner[0].equals(host()) && owner[1].matches("[0-9]{1,18}")
          && !ProcessHandle.of(Long.parseLong(owner[1])).map(ProcessHandle::isAlive).orElse(false)) {
        String key = m.resourceId().toString();
        delete(objects(key.substring(0, key.length() - OWNER.length() - 1)));
      }
    }
  }

  /** Marks the staging prefix as this process's, for {@link #removeAbandonedStaging}. */
  void claimStaging() throws IOException {
    try (OutputStream o = Channels.newOutputStream(
        FileSystems.create(resource(Locations.join(staging, OWNER)), MimeTypes.TEXT))) {
      o.write(owner().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** {@code <host> <pid>} of this process. */
  static String owner() {
    return host() + " " + ProcessHandle.current().pid();
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
    } catch (IOException unknown) {
      return "unknown-host";
    }
  }

  /** FileIO's temporary objects, left empty or not by the writers: none of them is part of the result. */
  void removeWriterTemps() throws IOException {
    delete(objects(staging).stream().filter(k -> k.contains("/.temp-beam")).toList());
  }

  /** Output shards, relative to the staging prefix, sorted. */
  List<String> shards() throws IOException {
    return objects(staging).stream().filter(k -> k.endsWith(".json.gz")).map(k -> k.substring(staging.length() + 1))
        .sorted().toList();
  }

  /** Lines in every kept-document shard (not the drops). */
  long countShardLines() throws IOException {
    long n = 0;
    for (String rel : shards()) {
      if (!rel.startsWith("_dropped")) {
        try (var in = Channels.newInputStream(FileSystems.open(resource(Locations.join(staging, rel))))) {
          n += RecipeJob.gzipLines(in);
        }
      }
    }
    return n;
  }

  void writeReport(RunReport report) throws IOException {
    try (OutputStream o = Channels.newOutputStream(
        FileSystems.create(resource(Locations.join(staging, REPORT)), MimeTypes.TEXT))) {
      o.write(report.toJson());
    }
  }

  /**
   * Old report deleted, new objects copied in, objects of the old output that the new one lacks deleted, new
   * report copied last, staging deleted.
   */
  void publish() throws IOException {
    List<String> old = objects(out);
    delete(old.stream().filter(k -> k.equals(Locations.join(out, REPORT))).toList());
    List<String> rels = new ArrayList<>();
    for (String k : objects(staging)) {
      String rel = k.substring(staging.length() + 1);
      if (!rel.equals(REPORT) && !rel.equals(OWNER)) {
        rels.add(rel);
      }
    }
    copy(rels);
    java.util.Set<String> keep = new java.util.HashSet<>(rels.stream().map(r -> Locations.join(out, r)).toList());
    delete(old.stream().filter(k -> !keep.contains(k) && !k.equals(Locations.join(out, REPORT))).toList());
    copy(List.of(REPORT));
    discardStaging();
  }

  void discardStaging() throws IOException {
    delete(objects(staging));
  }

  private void copy(List<String> rels) throws IOException {
    if (rels.isEmpty()) {
      return;
    }
    List<ResourceId> from = new ArrayList<>();
    List<ResourceId> to = new ArrayList<>();
    for (String r : rels) {
      from.add(resource(Locations.join(staging, r)));
      to.add(resource(Locations.join(out, r)));
    }
    try {
      FileSystems.copy(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      throw new IOException(StorageErrors.describe(out, e), e);
    }
  }

  private static void delete(List<String> keys) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    try {
      FileSystems.delete(keys.stream().map(RemoteOutput::resource).toList(),
          MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      throw new IOException(StorageErrors.describe(keys.getFirst(), e), e);
    }
  }

  /** Every object under a prefix, as full locations. */
  private static List<String> objects(String prefix) throws IOException {
    List<MatchResult.Metadata> found;
    try {
      found = RemoteFiles.list(Locations.join(prefix, "**"));
    } catch (IOException e) {
      throw new IOException(StorageErrors.describe(prefix, e.getCause() == null ? e : e.getCause()), e);
    }
    List<String> all = new ArrayList<>();
    for (MatchResult.Metadata m : found) {
      if (!m.resourceId().isDirectory()) {
        all.add(m.resourceId().toString());
      }
    }
    return all;
  }

  private static ResourceId resource(String location) {
    return FileSystems.matchNewResource(location, false);
  }
}
