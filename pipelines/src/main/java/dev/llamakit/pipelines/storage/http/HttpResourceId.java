package dev.llamakit.pipelines.storage.http;

import java.net.URI;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/** An http(s) URL as a Beam resource: a directory when its path ends with {@code /}. */
final class HttpResourceId implements ResourceId {
  private final URI uri;

  HttpResourceId(URI uri) {
    this.uri = uri;
  }

  static HttpResourceId of(String spec, boolean directory) {
    String s = directory && !spec.endsWith("/") ? spec + "/" : spec;
    return new HttpResourceId(URI.create(s));
  }

  URI uri() {
    return uri;
  }

  @Override
  public ResourceId resolve(String other, ResolveOptions options) {
    if (!isDirectory()) {
      throw new IllegalStateException(uri + " is not a directory; cannot resolve " + other + " against it");
    }
    boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
    return of(uri.resolve(other).toString(), dir);
  }

  @Override
  public ResourceId getCurrentDirectory() {
    return isDirectory() ? this : new HttpResourceId(uri.resolve("."));
  }

  @Override
  public String getScheme() {
    return uri.getScheme();
  }

  @Override
  public String getFilename() {
    String p = uri.getPath();
    if (p == null || p.isEmpty() || p.endsWith("/")) {
      return null;
    }
    return p.substring(p.lastIndexOf('/') + 1);
  }

  @Override
  public boolean isDirectory() {
    String p = uri.getPath();
    return p == null || p.isEmpty() || p.endsWith("/");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpResourceId h && h.uri.equals(uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
