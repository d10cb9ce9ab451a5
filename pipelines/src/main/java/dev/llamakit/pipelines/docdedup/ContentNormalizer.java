package dev.llamakit.pipelines.docdedup;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Locale;

/**
 * What "the same content" means for exact document dedup: the text a document's key is hashed from.
 *
 * <p>In this order: the Unicode normal form ({@link Form#NFC} by default: the same characters typed with precomposed
 * or combining accents become the same code points; {@link Form#NFKC} also folds compatibility characters such as
 * full-width letters and ligatures; {@link Form#NONE} keeps the code points as read), then optional lower-casing
 * ({@code String.toLowerCase(Locale.ROOT)}), then optional whitespace collapsing: every run of whitespace (Java's
 * {@code Character.isWhitespace} or a Unicode space separator, so no-break spaces too, and line ends) becomes one
 * space, and leading and trailing whitespace goes. Punctuation, digits and everything else are kept.
 *
 * @param form the Unicode normal form
 * @param lowercase fold case
 * @param collapseWhitespace collapse runs of whitespace to one space and strip the ends
 */
public record ContentNormalizer(Form form, boolean lowercase, boolean collapseWhitespace) implements Serializable {
  /** A Unicode normal form, or none. */
  public enum Form {
    NFC, NFKC, NONE;

    /** {@code nfc}, {@code nfkc} or {@code none}, case-insensitive. */
    public static Form parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "nfc" -> NFC;
        case "nfkc" -> NFKC;
        case "none" -> NONE;
        default -> throw new IllegalArgumentException("unicode must be nfc, nfkc or none, not '" + s + "'");
      };
    }
  }

  public ContentNormalizer {
    if (form == null) {
      throw new IllegalArgumentException("a normal form is required (NONE for none)");
    }
  }

  /** The normalised text; empty when the text is empty (or only whitespace, with whitespace collapsing). */
  public String normalize(String text) {
    String s = switch (form) {
      case NFC -> Normalizer.normalize(text, Normalizer.Form.NFC);
      case NFKC -> Normalizer.normalize(text, Normalizer.Form.NFKC);
      case NONE -> text;
    };
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    return collapseWhitespace ? collapse(s) : s;
  }

  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static String collapse(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
