package dev.llamakit.pipelines.docdedup;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key URL dedup compares: a URL with the differences that do not change the page removed.
 *
 * <p>For an absolute URL {@code scheme://[user@]host[:port][/path][?query][#fragment]}, in this order:
 * <ol>
 *   <li>surrounding whitespace and the {@code #fragment} go;
 *   <li>scheme and host are lower-cased, and a trailing dot of the host goes ({@code Example.COM.} =
 *       {@code example.com}); user info and path keep their case (servers may treat it as significant);
 *   <li>the port goes when it is empty or the scheme's default (http 80, https 443, ws 80, wss 443, ftp 21);
 *   <li>trailing slashes of the path go, so {@code /a/} = {@code /a} and {@code http://h/} = {@code http://h};
 *   <li>with {@code stripTracking}, query parameters named in the {@link TrackingParams} table ({@code utm_*},
 *       {@code fbclid}, ...) go; empty parameters ({@code a=1&&b=2}) go; the others keep their order and spelling, and
 *       an empty query loses its {@code ?};
 *   <li>optionally, the scheme ({@code ignoreScheme}: {@code http} = {@code https}) and a leading {@code www.} of the
 *       host ({@code stripWww}) go, as tfds C4's URL normalisation does.
 * </ol>
 * Percent-escapes are compared as written. A string that is not an absolute URL with a host (no {@code scheme://}) is
 * compared as written, without surrounding whitespace and fragment. A missing or blank URL has no key.
 *
 * <pre>{@code
 * UrlNormalizer n = new UrlNormalizer(TrackingParams.standard(), true, false, false);
 * n.key("HTTP://Example.com:80/a/?utm_source=x&id=3#top");   // "http://example.com/a?id=3"
 * }</pre>
 */
public final class UrlNormalizer implements Serializable {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*");
  private final TrackingParams tracking;
  private final boolean stripTracking;
  private final boolean ignoreScheme;
  private final boolean stripWww;

  public UrlNormalizer(TrackingParams tracking, boolean stripTracking, boolean ignoreScheme, boolean stripWww) {
    this.tracking = tracking;
    this.stripTracking = stripTracking;
    this.ignoreScheme = ignoreScheme;
    this.stripWww = stripWww;
  }

  /** The comparison key of a URL, or null when the URL is missing or blank. */
  public String key(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.strip();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    int colon = s.indexOf("://");
    if (colon <= 0 || !SCHEME.matcher(s.substring(0, colon)).matches()) {
      return s;
    }
    String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
    int start = colon + 3;
    int end = start;
    while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '?') {
      end++;
    }
    String authority = s.substring(start, end);
    String rest = s.substring(end);
    int q = rest.indexOf('?');
    String path = q >= 0 ? rest.substring(0, q) : rest;
    String query = q >= 0 ? rest.substring(q + 1) : null;

    int at = authority.lastIndexOf('@');
    String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
    String hostPort = authority.substring(at + 1);
    String host = hostPort;
    String port = null;
    int portColon = hostPort.lastIndexOf(':');
    if (portColon >= 0 && hostPort.indexOf(']', portColon) < 0 && digits(hostPort.substring(portColon + 1))) {
      host = hostPort.substring(0, portColon);
      port = hostPort.substring(portColon + 1);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (stripWww && host.startsWith("www.")) {
      host = host.substring(4);
    }
    if (port != null && (port.isEmpty() || isDefaultPort(scheme, port))) {
      port = null;
    }
    int p = path.length();
    while (p > 0 && path.charAt(p - 1) == '/') {
      p--;
    }
    path = path.substring(0, p);

    StringBuilder out = new StringBuilder(s.length());
    if (!ignoreScheme) {
      out.append(scheme).append("://");
    }
    out.append(userInfo).append(host);
    if (port != null) {
      out.append(':').append(port);
    }
    out.append(path);
    if (query != null) {
      String kept = query(query);
      if (!kept.isEmpty()) {
        out.append('?').append(kept);
      }
    }
    return out.toString();
  }

  private String query(String query) {
    StringBuilder sb = new StringBuilder(query.length());
    for (String param : query.split("&", -1)) {
      if (param.isEmpty()) {
        continue;
      }
      int eq = param.indexOf('=');
      String name = eq >= 0 ? param.substring(0, eq) : param;
      if (stripTracking && tracking.matches(name)) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(param);
    }
    return sb.toString();
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDefaultPort(String scheme, String port) {
    String p = port.replaceFirst("^0+(?=\\d)", "");
    return switch (scheme) {
      case "http", "ws" -> p.equals("80");
      case "https", "wss" -> p.equals("443");
      case "ftp" -> p.equals("21");
      default -> false;
    };
  }
}
