package dev.llamakit.pipelines.storage.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.storage.FileServer;
import dev.llamakit.pipelines.storage.StorageErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.junit.jupiter.api.Test;

/** The read-only HTTP file system against a real HTTP server on loopback serving the bundled sample files. */
class HttpFileSystemTest {
  private static final Path SAMPLES = Path.of("..", "samples", "ccnet");
  private final HttpFileSystem fs = new HttpFileSystem("http");

  @Test
  void matchesReadsAndReportsMissingFiles() throws Exception {
    try (FileServer server = FileServer.serving(SAMPLES)) {
      String url = server.url() + "/whirlwind.warc.wet.gz";
      List<MatchResult> r = fs.match(List.of(url, server.url() + "/missing.warc.wet.gz"));
      assertEquals(MatchResult.Status.OK, r.get(0).status());
      assertEquals(Files.size(SAMPLES.resolve("whirlwind.warc.wet.gz")), r.get(0).metadata().getFirst().sizeBytes());
      assertEquals(MatchResult.Status.NOT_FOUND, r.get(1).status());
      try (InputStream in = Channels.newInputStream(fs.open(HttpResourceId.of(url, false)))) {
        assertArrayEquals(Files.readAllBytes(SAMPLES.resolve("whirlwind.warc.wet.gz")), in.readAllBytes());
      }
      FileNotFoundException gone = assertThrows(FileNotFoundException.class,
          () -> fs.open(HttpResourceId.of(server.url() + "/missing.warc.wet.gz", false)));
      assertEquals(server.url() + "/missing.warc.wet.gz: not found (HTTP 404)", gone.getMessage());
      IOException readOnly = assertThrows(IOException.class,
          () -> fs.create(HttpResourceId.of(server.url() + "/new.json", false), null));
      assertTrue(readOnly.getMessage().endsWith("http(s) locations are read-only; write to a local folder or s3://"));
    }
  }

  @Test
  void aRefusedConnectionIsAnErrorNamingTheUrl() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/x.warc.wet.gz";
    MatchResult r = fs.match(List.of(url)).getFirst();
    assertEquals(MatchResult.Status.ERROR, r.status());
    IOException e = assertThrows(IOException.class, r::metadata);
    assertEquals(url + ": connection refused", StorageErrors.describe(url, e));
  }

  @Test
  void resourcesResolveAgainstTheirFolder() {
    HttpResourceId dir = HttpResourceId.of("https://data.example/crawl-data", true);
    assertEquals("https://data.example/crawl-data/x.warc.wet.gz",
        dir.resolve("x.warc.wet.gz", StandardResolveOptions.RESOLVE_FILE).toString());
    HttpResourceId file = HttpResourceId.of("https://data.example/crawl-data/x.warc.wet.gz", false);
    assertEquals("x.warc.wet.gz", file.getFilename());
    assertEquals("https://data.example/crawl-data/", file.getCurrentDirectory().toString());
  }
}
