package dev.llamakit.pipelines.html;

import dev.llamakit.engine.io.Utf8;
import dev.llamakit.pipelines.http.HttpCharsetParam;
import dev.llamakit.pipelines.io.Resources;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an HTML payload to text, finding its charset as browsers do, in this order: a byte-order mark; the HTTP
 * header's {@code charset}; a {@code <meta charset>} or {@code <meta http-equiv="Content-Type" content="...;
 * charset=...">} in the first {@value #META_SCAN} bytes; else UTF-8 when the bytes are valid UTF-8, else
 * windows-1252. Labels are mapped as the WHATWG Encoding Standard maps them ({@code charset-aliases.properties}:
 * Latin-1 and ASCII are windows-1252). windows-1252 decodes every byte (its five unassigned bytes become the C1
 * controls of the same value, as in browsers).
 *
 * <p>A label Java does not know is an {@link Undecodable} with {@code unknown} true; bytes that are not valid in the
 * declared charset are an {@link Undecodable} with {@code unknown} false — no replacement characters are invented.
 */
public final class HtmlCharset {
  /** How far into the payload meta tags are looked for (the HTML standard's prescan reads 1024 bytes). */
  public static final int META_SCAN = 4096;
  private static final Map<String, String> ALIASES = aliases();
  private static final char[] CP1252 = cp1252Table();

  private HtmlCharset() {}

  /** Text decoded from an HTML payload, the charset used and where it came from (bom, http, meta, fallback). */
  public record Decoded(String text, String charset, String source) {}

  /** The payload's charset is unknown, or its bytes are not valid in it. */
  public static final class Undecodable extends Exception {
    private final boolean unknown;

    Undecodable(String message, boolean unknown) {
      super(message);
      this.unknown = unknown;
    }

    /** True for a charset label Java does not know; false for bytes invalid in a known charset. */
    public boolean unknown() {
      return unknown;
    }
  }

  /**
   * Decodes {@code body} as HTML.
   *
   * @param httpCharset the HTTP Content-Type's charset parameter, or null
   */
  public static Decoded decode(byte[] body, String httpCharset) throws Undecodable {
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      return strict(body, 3, "utf-8", "bom");
    }
    if (body.length >= 2 && ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF
        || (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)) {
      return strict(body, 2, (body[0] & 0xFF) == 0xFE ? "utf-16be" : "utf-16le", "bom");
    }
    if (httpCharset != null && !httpCharset.isBlank()) {
      return strict(body, 0, httpCharset, "http");
    }
    String meta = metaCharset(body);
    if (meta != null) {
      return strict(body, 0, meta, "meta");
    }
    String utf8 = Utf8.decodeOrNull(body, 0, body.length);
    if (utf8 != null) {
      return new Decoded(utf8, "utf-8", "fallback");
    }
    return new Decoded(cp1252(body, 0), "windows-1252", "fallback");
  }

  /** The charset a meta tag in the first {@value #META_SCAN} bytes declares, lower case, or null. */
  static String metaCharset(byte[] body) {
    int n = Math.min(body.length, META_SCAN);
    for (int i = 0; i + 5 < n; i++) {
      if (body[i] == '<' && (body[i + 1] | 0x20) == 'm' && (body[i + 2] | 0x20) == 'e' && (body[i + 3] | 0x20) == 't'
          && (body[i + 4] | 0x20) == 'a') {
        int end = i + 5;
        while (end < n && body[end] != '>') {
          end++;
        }
        String tag = new String(body, i + 5, end - i - 5, StandardCharsets.ISO_8859_1);
        String cs = HttpCharsetParam.of(tag);
        if (cs != null) {
          return cs;
        }
        i = end;
      }
    }
    return null;
  }

  private static Decoded strict(byte[] body, int off, String label, String source) throws Undecodable {
    String name = label.strip().toLowerCase(Locale.ROOT);
    name = ALIASES.getOrDefault(name, name);
    if ("bom".equals(source) && name.startsWith("utf-16")) {
      // a real UTF-16 BOM: decode as UTF-16, the one place UTF-16 is honoured
      return decodeWith(body, off, StandardCharsets.UTF_16, name, source, label);
    }
    if (name.equals("windows-1252")) {
      return new Decoded(cp1252(body, off), name, source);
    }
    if (name.equals("utf-8")) {
      String s = Utf8.decodeOrNull(body, off, body.length - off);
      if (s == null) {
        throw new Undecodable("the payload is not valid UTF-8 (charset from " + source + ": " + label + ")", false);
      }
      return new Decoded(s, name, source);
    }
    Charset cs;
    try {
      cs = Charset.isSupported(name) ? Charset.forName(name) : null;
    } catch (IllegalCharsetNameException e) {
      cs = null;
    }
    if (cs == null) {
      throw new Undecodable("unknown charset '" + abbreviate(label) + "' (from " + source + ")", true);
    }
    return decodeWith(body, off, cs, name, source, label);
  }

  private static Decoded decodeWith(byte[] body, int off, Charset cs, String name, String source, String label)
      throws Undecodable {
    CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer out = d.decode(ByteBuffer.wrap(body, off, body.length - off));
      return new Decoded(out.toString(), name, source);
    } catch (CharacterCodingException e) {
      throw new Undecodable("the payload is not valid " + name + " (charset from " + source + ": "
          + abbreviate(label) + ")", false);
    }
  }

  /** windows-1252 as browsers decode it: every byte maps to one character. */
  static String cp1252(byte[] body, int off) {
    char[] out = new char[body.length - off];
    for (int i = off; i < body.length; i++) {
      out[i - off] = CP1252[body[i] & 0xFF];
    }
    return new String(out);
  }

  private static char[] cp1252Table() {
    char[] t = new char[256];
    Charset cs = Charset.forName("windows-1252");
    for (int b = 0; b < 256; b++) {
      String s = new String(new byte[] {(byte) b}, cs);
      t[b] = s.length() == 1 && s.charAt(0) != '\uFFFD' ? s.charAt(0) : (char) b;
    }
    return t;
  }

  private static Map<String, String> aliases() {
    Map<String, String> m = new HashMap<>();
    for (String line : Resources.tableLines(HtmlCharset.class, "charset-aliases.properties")) {
      int eq = line.indexOf('=');
      m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return Map.copyOf(m);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
