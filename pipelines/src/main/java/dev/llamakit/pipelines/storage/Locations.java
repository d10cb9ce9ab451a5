package dev.llamakit.pipelines.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a location string names: a local path, an S3 object or prefix ({@code s3://bucket/key}), or an HTTP(S) URL.
 * Remote locations are kept as strings end to end (a {@link Path} would turn {@code https://host} into
 * {@code https:/host}); Beam's {@code FileSystems} reads and writes them.
 */
public final class Locations {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  /** The remote schemes a run reads; s3 is also written. */
  public static final Set<String> REMOTE = Set.of("s3", "http", "https");

  private Locations() {}

  /** The lower-case scheme, or {@code file} for a plain path. */
  public static String scheme(String location) {
    Matcher m = SCHEME.matcher(location);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "file";
  }

  /** True for {@code s3://}, {@code http://} and {@code https://}; an unknown scheme is an error naming it. */
  public static boolean isRemote(String what, String location) {
    String s = scheme(location);
    if (s.equals("file")) {
      return false;
    }
    if (!REMOTE.contains(s)) {
      throw new IllegalArgumentException(what + " " + location + ": unsupported scheme " + s
          + ":// (local paths, s3://, http:// and https:// are supported)");
    }
    return true;
  }

  /** True for http and https: read-only locations with no listing. */
  public static boolean isHttp(String location) {
    String s = scheme(location);
    return s.equals("http") || s.equals("https");
  }

  /** A local location as a path ({@code file://} URIs included). */
  public static Path localPath(String location) {
    return location.regionMatches(true, 0, "file://", 0, 7) ? Path.of(URI.create(location)) : Path.of(location);
  }

  /** {@code base} and a relative entry joined with exactly one slash. */
  public static String join(String base, String relative) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String r = relative.startsWith("/") ? relative.substring(1) : relative;
    return b + "/" + r;
  }

  /** The last segment of a location (after a trailing slash is removed). */
  public static String fileName(String location) {
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return l.substring(l.lastIndexOf('/') + 1);
  }

  /** The location without its last segment, ending in no slash ({@code s3://b/a/out} → {@code s3://b/a}). */
  public static String parent(String location) {
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return l.substring(0, l.lastIndexOf('/'));
  }

  /** True when the location has glob characters ({@code ?} is a URL's query in http(s), not a glob there). */
  public static boolean isGlob(String location) {
    return location.contains("*") || location.contains("[") || location.contains("{")
        || (!isHttp(location) && location.contains("?"));
  }
}
