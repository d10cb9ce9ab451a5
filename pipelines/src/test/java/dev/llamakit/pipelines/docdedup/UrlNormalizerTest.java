package dev.llamakit.pipelines.docdedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL dedup's key, rule by rule, and the tracking-parameter table. */
class UrlNormalizerTest {
  private static final UrlNormalizer DEFAULT = new UrlNormalizer(TrackingParams.standard(), true, false, false);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "HTTP://Example.COM/Path/File.html | http://example.com/Path/File.html",
      "http://example.com:80/a | http://example.com/a",
      "https://example.com:443/a | https://example.com/a",
      "https://example.com:80/a | https://example.com:80/a",
      "http://example.com:/a | http://example.com/a",
      "http://example.com:8080/a | http://example.com:8080/a",
      "http://example.com/a#section-2 | http://example.com/a",
      "http://example.com/a/ | http://example.com/a",
      "http://example.com/ | http://example.com",
      "http://example.com | http://example.com",
      "http://example.com/?q=1 | http://example.com?q=1",
      "http://example.com./a | http://example.com/a",
      "'  http://example.com/a  ' | http://example.com/a",
      "http://example.com/a?utm_source=news&id=3&UTM_Medium=mail | http://example.com/a?id=3",
      "http://example.com/a?fbclid=XyZ | http://example.com/a",
      "http://example.com/a?id=3&&gclid=1&x | http://example.com/a?id=3&x",
      "http://example.com/a?b=2&a=1 | http://example.com/a?b=2&a=1",
      "http://User@Example.com/a | http://User@example.com/a",
      "http://[2001:DB8::1]:80/a | http://[2001:db8::1]/a",
      "http://[2001:db8::1]/a | http://[2001:db8::1]/a",
      "http://example.com/a%2Fb | http://example.com/a%2Fb",
      "mailto:someone@example.com#x | mailto:someone@example.com",
      "not a url at all | not a url at all",
  })
  void normalises(String url, String key) {
    assertEquals(key, DEFAULT.key(url));
  }

  @Test
  void trackingParametersStayWhenStrippingIsOff() {
    UrlNormalizer keep = new UrlNormalizer(TrackingParams.standard(), false, false, false);
    assertEquals("http://example.com/a?utm_source=x", keep.key("http://example.com/a/?utm_source=x#f"));
  }

  @Test
  void schemeAndWwwAreDroppedOnlyWhenAsked() {
    UrlNormalizer c4ish = new UrlNormalizer(TrackingParams.standard(), true, true, true);
    assertEquals("example.com/a", c4ish.key("https://www.example.com/a/"));
    assertEquals(c4ish.key("http://example.com/a"), c4ish.key("https://WWW.example.com:443/a#x"));
    assertEquals("https://www.example.com/a", DEFAULT.key("https://www.example.com/a/"));
  }

  @Test
  void missingOrBlankUrlHasNoKey() {
    assertNull(DEFAULT.key(null));
    assertNull(DEFAULT.key(""));
    assertNull(DEFAULT.key(" \t"));
  }

  @Test
  void bundledTableMatchesNamesAndPrefixesCaseInsensitively() {
    TrackingParams t = TrackingParams.standard();
    assertTrue(t.matches("utm_campaign"));
    assertTrue(t.matches("UTM_CONTENT"));
    assertTrue(t.matches("gclid"));
    assertFalse(t.matches("utm"));
    assertFalse(t.matches("id"));
    assertFalse(t.matches("page"));
    assertEquals(17, t.size());
  }

  @Test
  void badTableLineIsAnErrorNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("params.txt");
    Files.writeString(f, "# mine\nsessionid\nref src\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrackingParams.load(f));
    assertEquals(f + ":3: 'ref src' is not a query parameter name (letters, digits and _ . - [ ], optionally ending in"
        + " * for a prefix)", e.getMessage());
    Files.writeString(f, "sessionid\nref_*\n");
    TrackingParams mine = TrackingParams.load(f);
    assertTrue(mine.matches("SessionID") && mine.matches("ref_src") && !mine.matches("utm_source"));
    UncheckedIOException missing = assertThrows(UncheckedIOException.class,
        () -> TrackingParams.load(tmp.resolve("absent.txt")));
    assertEquals(tmp.resolve("absent.txt") + ": no such file", missing.getMessage());
  }
}
