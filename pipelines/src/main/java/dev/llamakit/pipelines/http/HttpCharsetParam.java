package dev.llamakit.pipelines.http;

import java.util.Locale;

/** The {@code charset} parameter of a Content-Type value ({@code text/html; charset="UTF-8"} gives "utf-8"). */
public final class HttpCharsetParam {
  private HttpCharsetParam() {}

  /** The charset parameter, lower case and unquoted, or null when there is none. */
  public static String of(String contentType) {
    String lower = contentType.toLowerCase(Locale.ROOT);
    int i = lower.indexOf("charset");
    while (i >= 0) {
      int p = i + 7;
      while (p < lower.length() && lower.charAt(p) == ' ') {
        p++;
      }
      if (p < lower.length() && lower.charAt(p) == '=') {
        p++;
        while (p < lower.length() && (lower.charAt(p) == ' ' || lower.charAt(p) == '"' || lower.charAt(p) == '\'')) {
          p++;
        }
        int e = p;
        while (e < lower.length() && ";\"' \t,".indexOf(lower.charAt(e)) < 0) {
          e++;
        }
        return e > p ? lower.substring(p, e) : null;
      }
      i = lower.indexOf("charset", i + 7);
    }
    return null;
  }
}
