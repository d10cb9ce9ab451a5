package dev.llamakit.pipelines.storage.http;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;

/**
 * A read-only Beam file system for {@code http://} and {@code https://} URLs, on the JDK's HTTP client: a match is a
 * {@code HEAD} request (size from {@code Content-Length}; a server that refuses {@code HEAD} gets a {@code GET} whose
 * body is not read), opening is a streamed {@code GET}. Redirects are followed. There is no listing, so no globs or
 * folders: name files, or list them in a paths file. Many specs are matched in parallel ({@value #PARALLEL_REQUESTS}
 * requests at a time), so checking a long {@code wet.paths.gz} before a run takes seconds, not minutes.
 *
 * <p>404 and 410 are "not found"; any other status, a refused connection or an unknown host is an error whose
 * message names the URL. A body cut off by the network fails the read (there is no resume).
 */
final class HttpFileSystem extends FileSystem<HttpResourceId> {
  static final int PARALLEL_REQUESTS = 16;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final String scheme;

  HttpFileSystem(String scheme) {
    this.scheme = scheme;
  }

  /** One client for the JVM, made on first use (a registration per pipeline must not start threads). */
  private static final class Client {
    static final HttpClient INSTANCE = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(TIMEOUT)
        .build();
  }

  @Override
  protected String getScheme() {
    return scheme;
  }

  @Override
  protected List<MatchResult> match(List<String> specs) throws IOException {
    Semaphore slots = new Semaphore(PARALLEL_REQUESTS);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<MatchResult>> futures = new ArrayList<>();
      for (String spec : specs) {
        futures.add(pool.submit(() -> {
          slots.acquire();
          try {
            return matchOne(spec);
          } finally {
            slots.release();
          }
        }));
      }
      List<MatchResult> out = new ArrayList<>();
      for (Future<MatchResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while looking up " + specs.size() + " URL(s)", e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static MatchResult matchOne(String spec) {
    HttpResourceId id = HttpResourceId.of(spec, false);
    try {
      HttpResponse<Void> r = send(HttpRequest.newBuilder(id.uri()).timeout(TIMEOUT)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 405 || r.statusCode() == 501) {
        HttpResponse<InputStream> g = send(HttpRequest.newBuilder(id.uri()).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        g.body().close();
        return result(id, g.statusCode(), g.headers().firstValueAsLong("content-length").orElse(0));
      }
      return result(id, r.statusCode(), r.headers().firstValueAsLong("content-length").orElse(0));
    } catch (IOException e) {
      return MatchResult.create(MatchResult.Status.ERROR, e);
    }
  }

  private static MatchResult result(HttpResourceId id, int status, long size) {
    if (status == 404 || status == 410) {
      return MatchResult.create(MatchResult.Status.NOT_FOUND, new FileNotFoundException(id + ": not found (HTTP "
          + status + ")"));
    }
    if (status / 100 != 2) {
      return MatchResult.create(MatchResult.Status.ERROR, new IOException(id + ": HTTP " + status));
    }
    return MatchResult.create(MatchResult.Status.OK, List.of(MatchResult.Metadata.builder()
        .setResourceId(id).setSizeBytes(size).setIsReadSeekEfficient(false).build()));
  }

  @Override
  protected ReadableByteChannel open(HttpResourceId id) throws IOException {
    HttpResponse<InputStream> r = send(HttpRequest.newBuilder(id.uri()).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() / 100 != 2) {
      r.body().close();
      if (r.statusCode() == 404 || r.statusCode() == 410) {
        throw new FileNotFoundException(id + ": not found (HTTP " + r.statusCode() + ")");
      }
      throw new IOException(id + ": HTTP " + r.statusCode());
    }
    return Channels.newChannel(r.body());
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
    try {
      return Client.INSTANCE.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(request.uri() + ": interrupted", e);
    }
  }

  @Override
  protected WritableByteChannel create(HttpResourceId id, CreateOptions options) throws IOException {
    throw readOnly(id);
  }

  @Override
  protected void copy(List<HttpResourceId> from, List<HttpResourceId> to) throws IOException {
    throw readOnly(to.isEmpty() ? null : to.getFirst());
  }

  @Override
  protected void rename(List<HttpResourceId> from, List<HttpResourceId> to, MoveOptions... options)
      throws IOException {
    throw readOnly(to.isEmpty() ? null : to.getFirst());
  }

  @Override
  protected void delete(Collection<HttpResourceId> ids) throws IOException {
    throw readOnly(ids.isEmpty() ? null : ids.iterator().next());
  }

  @Override
  protected HttpResourceId matchNewResource(String spec, boolean isDirectory) {
    return HttpResourceId.of(spec, isDirectory);
  }

  private static IOException readOnly(HttpResourceId id) {
    return new IOException(id + ": http(s) locations are read-only; write to a local folder or s3://");
  }
}
