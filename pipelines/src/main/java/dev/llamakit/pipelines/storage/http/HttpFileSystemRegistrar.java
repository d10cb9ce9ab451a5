package dev.llamakit.pipelines.storage.http;

import java.util.List;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Registers {@link HttpFileSystem} with Beam for {@code http} and {@code https} (through
 * {@code META-INF/services/org.apache.beam.sdk.io.FileSystemRegistrar}), on the driver and on every worker.
 */
public final class HttpFileSystemRegistrar implements FileSystemRegistrar {
  @Override
  public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
    return List.of(new HttpFileSystem("http"), new HttpFileSystem("https"));
  }
}
