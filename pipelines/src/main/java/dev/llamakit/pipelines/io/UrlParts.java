package dev.llamakit.pipelines.io;

/**
 * Python's {@code urllib.parse.urlparse(url).netloc}, which cc_net stores as {@code source_domain}: the authority
 * after {@code scheme://} up to the first {@code /}, {@code ?} or {@code #}, port and user info included; empty when
 * the URL has no {@code //} authority.
 */
public final class UrlParts {
  private UrlParts() {}

  public static String netloc(String url) {
    if (url == null) {
      return "";
    }
    int colon = url.indexOf(':');
    String rest = url;
    if (colon > 0 && isScheme(url, colon)) {
      rest = url.substring(colon + 1);
    }
    if (!rest.startsWith("//")) {
      return "";
    }
    int end = rest.length();
    for (int i = 2; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    return rest.substring(2, end);
  }

  private static boolean isScheme(String url, int colon) {
    if (!Character.isLetter(url.charAt(0))) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = url.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
        return false;
      }
    }
    return true;
  }
}
